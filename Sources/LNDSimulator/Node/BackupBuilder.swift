import BackupCore
import Secp256k1
import SeedKit
import Sodium
import Codecs
import LightningTypes

/// Turns simulated channels into lnd's SCB structures (BackupCore's Single/Multi codecs) and
/// back: restored Singles become channel shells.
struct BackupBuilder {
    let network: BitcoinNetwork

    func single(for channel: SimulatedChannel, addresses: [String]) throws -> SingleBackup {
        let version = channel.commitmentType.singleVersion
        let point = try ChannelPoint(displayTxid: channel.fundingTxid, outputIndex: channel.outputIndex)
        let index = channel.keyIndex
        let remote = try channel.remoteKeys.map { hex throws -> CompressedPublicKey in
            try CompressedPublicKey(bytes: Hex.decode(hex) ?? [])
        }
        guard remote.count == 5 else { throw ChannelBackupError.invalidField(what: "remote keys", reason: "need 5") }
        return SingleBackup(
            version: version,
            isInitiator: channel.initiator,
            chainHash: Hex.decode(network.genesisHashInternalHex) ?? [],
            fundingOutpoint: point,
            shortChannelID: ShortChannelID(uint64: channel.shortChannelID),
            remoteNodePublicKey: try CompressedPublicKey(bytes: Hex.decode(channel.remotePubkey) ?? []),
            addresses: addresses.compactMap(BackupBuilder.nodeAddress),
            capacity: UInt64(channel.capacity),
            localKeys: LocalChannelKeys(
                csvDelay: channel.localCSVDelay,
                multiSig: KeyLocator(.multiSig, index: index),
                revocationBase: KeyLocator(.revocationBase, index: index),
                paymentBase: KeyLocator(.paymentBase, index: index),
                delayBase: KeyLocator(.delayBase, index: index),
                htlcBase: KeyLocator(.htlcBase, index: index)),
            remoteKeys: RemoteChannelKeys(
                csvDelay: channel.remoteCSVDelay, multiSig: remote[0], revocationBase: remote[1],
                paymentBase: remote[2], delayBase: remote[3], htlcBase: remote[4]),
            shachainRoot: ShachainRoot(legacyPublicKey: nil, locator: KeyLocator(.revocationRoot, index: index)),
            leaseExpiry: version.hasLeaseExpiry ? channel.leaseExpiry : nil,
            closeTxInputs: channel.includesCloseTxInputs && !channel.isRestored ? try closeTxInputs(for: channel, point: point) : nil)
    }

    /// An unsigned commitment spending the funding output plus the peer's signature for it, as
    /// lnd 0.19+ stores them. The transaction is well formed but simulated.
    private func closeTxInputs(for channel: SimulatedChannel, point: ChannelPoint) throws -> CloseTxInputs {
        let input = TransactionInput(previousOutput: point, sequence: 0x8000_0000 | UInt32(channel.commitHeight & 0xff_ffff))
        let toLocal = TransactionOutput(value: max(channel.localBalance - 330, 0), pkScript: [0x00, 0x20] + SHA256.hash(Array(channel.channelPoint.utf8)))
        let toRemote = TransactionOutput(value: max(channel.remoteBalance - 330, 0), pkScript: [0x00, 0x14] + Array(SHA256.hash(Array(channel.remotePubkey.utf8)).prefix(20)))
        let transaction = BitcoinTransaction(version: 2, inputs: [input], outputs: [toLocal, toRemote], lockTime: 0x2000_0000 | UInt32(channel.commitHeight & 0xff_ffff))
        let version = channel.commitmentType.singleVersion
        let signature: [UInt8]
        // Deterministic per channel state, so every Single of the same state is byte-identical.
        let seed = SHA256.hash(Array("lnd-sim commit sig \(channel.channelPoint) \(channel.commitHeight)".utf8))
        if version.isTaproot {
            signature = seed + SHA256.hash(seed) + SHA256.hash(SHA256.hash(seed)) + Array(SHA256.hash(seed + seed).prefix(2))
        } else {
            signature = try PrivateKey(secret: SecureBytes(copying: seed)).signECDSA(digest: SHA256.hash(transaction.serialized))
        }
        return CloseTxInputs(
            commitTx: transaction, commitSignature: signature,
            commitHeight: version.isTaproot ? channel.commitHeight : nil,
            tapscriptRoot: version.hasTapscriptRoot ? SHA256.hash(Array("tapscript \(channel.channelPoint)".utf8)) : nil)
    }

    /// A channel shell from a restored Single (zero balances, ChanStatusRestored).
    static func shell(from single: SingleBackup) -> SimulatedChannel {
        let remote = single.remoteKeys.inWireOrder.map(\.hex)
        return SimulatedChannel(
            fundingTxid: single.fundingOutpoint.displayTxid,
            outputIndex: single.fundingOutpoint.outputIndex,
            shortChannelID: single.shortChannelID.uint64,
            remotePubkey: single.remoteNodePublicKey.hex,
            capacity: Int64(clamping: single.capacity),
            localBalance: 0, remoteBalance: 0,
            commitmentType: SimulatedCommitmentType(singleVersion: single.version),
            initiator: single.isInitiator, isPrivate: false,
            localCSVDelay: single.localKeys.csvDelay, remoteCSVDelay: single.remoteKeys.csvDelay,
            keyIndex: single.localKeys.multiSig.index, remoteKeys: remote,
            leaseExpiry: single.leaseExpiry ?? 0, includesCloseTxInputs: false, commitHeight: 0,
            broadcastHeight: single.shortChannelID.blockHeight,
            phase: .waitingClose, closeKind: nil, closingTxid: nil, closeConfirmHeight: nil,
            isRestored: true, reestablishSent: false)
    }

    /// lnd's restore drops Tor v2 addresses (chanrestore.go); what is left is dialable.
    static func usableAddresses(of single: SingleBackup) -> [String] {
        single.addresses.compactMap { address -> String? in
            switch address {
            case .torV2, .padding, .opaque: return nil
            default: return address.hostPort
            }
        }
    }

    static func nodeAddress(_ hostPort: String) -> NodeAddress? {
        guard let colon = hostPort.lastIndex(of: ":"), let port = UInt16(hostPort[hostPort.index(after: colon)...]) else {
            return nil
        }
        let host = String(hostPort[..<colon])
        let octets = host.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
        if octets.count == 4, host.split(separator: ".").count == 4 {
            return .ipv4(address: octets, port: port)
        }
        return .dns(host, port: port)
    }
}
