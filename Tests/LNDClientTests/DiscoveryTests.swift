import CurlHTTP
import Foundation
@testable import LNDClient
import SeedKit
import Sodium
import Testing
import TestSupport
import LightningTypes

@Suite("Finding lnd on disk")
struct DiscoveryTests {
    @Test("lnd.conf: restlisten forms, TLS mode, network flags")
    func configParsing() throws {
        let conf = LNDConfigFile(text: """
        [Application Options]
        ; a comment
        # another
        restlisten=0.0.0.0:8081
        restlisten=unix:///tmp/lnd.sock

        [Bitcoin]
        bitcoin.signet = 1
        """)
        #expect(try LNDDiscovery.restURL(from: conf, tls: true) == "https://127.0.0.1:8081")
        #expect(try LNDDiscovery.network(from: conf) == .signet)
        #expect(try LNDDiscovery.restURL(from: LNDConfigFile(text: "restlisten=[::]:8080"), tls: true) == "https://[::1]:8080")
        #expect(try LNDDiscovery.restURL(from: LNDConfigFile(text: "restlisten=:9090"), tls: false) == "http://127.0.0.1:9090")
        #expect(try LNDDiscovery.restURL(from: LNDConfigFile(text: "restlisten=192.168.1.5"), tls: true) == "https://192.168.1.5:8080")
        #expect(try LNDDiscovery.restURL(from: LNDConfigFile(text: ""), tls: true) == "https://127.0.0.1:8080")
        #expect(try LNDDiscovery.network(from: LNDConfigFile(text: "")) == .mainnet)
        #expect(try LNDDiscovery.network(from: LNDConfigFile(text: "bitcoin.network=testnet4")) == .testnet4)
        #expect(throws: LNDError.self) { try LNDDiscovery.network(from: LNDConfigFile(text: "bitcoin.mainnet=1\nbitcoin.regtest=true")) }
        #expect(throws: LNDError.self) { try LNDDiscovery.restURL(from: LNDConfigFile(text: "restlisten=host:99999"), tls: true) }
    }

    @Test("macaroon permissions are read from lnd's identifier")
    func macaroonPermissions() throws {
        let admin = LNDMacaroon(bytes: try SecureBytes(copying: MacaroonFactory.admin))
        #expect(admin.permissions?.contains(MacaroonPermission(entity: "onchain", action: "write")) == true)
        let baked = LNDMacaroon(bytes: try SecureBytes(copying: MacaroonFactory.leastPrivilege))
        #expect(baked.permissions?.map(\.action) == MacaroonPermission.agentURIs)
        #expect(LNDDiscovery.macaroonWarnings(baked, path: "/x/casa.macaroon").isEmpty)
        let adminWarnings = LNDDiscovery.macaroonWarnings(admin, path: "/x/admin.macaroon")
        #expect(adminWarnings.count == 2)
        #expect(adminWarnings.joined().contains("onchain:write"))
        // A renamed admin macaroon is still caught by its permissions.
        #expect(LNDDiscovery.macaroonWarnings(admin, path: "/x/casa.macaroon").first?.contains("WARNING") == true)
        #expect(LNDMacaroon(bytes: try SecureBytes(copying: [1, 2, 3])).permissions == nil)
    }

    @Test("a whole lnd directory: conf, tls.cert, preferred macaroon over admin")
    func directory() throws {
        let lnd = try TemporaryDirectory()
        let certificate = try SelfSignedCertificate(in: lnd.path)
        try lnd.write("lnd.conf", text: "[Application Options]\nrestlisten=127.0.0.1:18080\n[Bitcoin]\nbitcoin.regtest=1\n")
        let macaroons = "\(lnd.path)/data/chain/bitcoin/regtest"
        try FileManager.default.createDirectory(atPath: macaroons, withIntermediateDirectories: true)
        try Data(MacaroonFactory.admin).write(to: URL(fileURLWithPath: "\(macaroons)/admin.macaroon"))

        let withAdmin = try LNDDiscovery(.init(lndDir: lnd.path))
        #expect(withAdmin.connection.baseURL == "https://127.0.0.1:18080")
        #expect(withAdmin.network == .regtest)
        #expect(withAdmin.tlsCertPath == certificate.certificatePath)
        #expect(withAdmin.macaroonPath.hasSuffix("admin.macaroon"))
        #expect(withAdmin.warnings.contains { $0.contains("admin.macaroon") })
        #expect(withAdmin.connection.security == .pinned(try PinnedCertificate(pem: certificate.pem())))

        try Data(MacaroonFactory.leastPrivilege).write(to: URL(fileURLWithPath: "\(macaroons)/casa.macaroon"))
        let preferred = try LNDDiscovery(.init(lndDir: lnd.path))
        #expect(preferred.macaroonPath.hasSuffix("casa.macaroon"))
        #expect(preferred.warnings.isEmpty)
    }

    @Test("missing pieces give errors that name the file")
    func missing() throws {
        let lnd = try TemporaryDirectory()
        do {
            _ = try LNDDiscovery(.init(lndDir: lnd.path))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("tls.cert"))
        }
        _ = try SelfSignedCertificate(in: lnd.path)
        do {
            _ = try LNDDiscovery(.init(lndDir: lnd.path, network: .testnet))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("no macaroon found"))
            #expect(error.description.contains("chain/bitcoin/testnet"))
        }
    }

    @Test("a fresh lnd (no wallet, no macaroon yet) is reachable without one only when asked")
    func freshNode() throws {
        let lnd = try TemporaryDirectory()
        _ = try SelfSignedCertificate(in: lnd.path)
        let fresh = try LNDDiscovery(.init(lndDir: lnd.path, network: .regtest, requireMacaroon: false))
        #expect(fresh.connection.macaroon == nil)
        #expect(fresh.macaroonPath.isEmpty)
        #expect(throws: LNDError.self) { try LNDDiscovery(.init(lndDir: lnd.path, network: .regtest)) }
    }
}
