import Foundation
import Recovery
import Testing
import TestSupport

/// `casa-recover inspect` as a real subprocess: the JSON contract and the exit codes.
@Suite struct InspectCommandTests {
    let fixtures: RecoveryFixtures

    init() throws {
        fixtures = try RecoveryFixtures()
    }

    func inspect(_ extra: [String]) async throws -> ProcessResult {
        try await ProcessRunner.run("casa-recover", ["inspect"] + extra)
    }

    @Test func jsonOfVectorAHasExactlyTheContractShape() async throws {
        let result = try await inspect(["--backup", fixtures.backupA, "--words-file", fixtures.wordsA,
                                  "--passphrase-file", fixtures.passphraseA, "--network", "regtest", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["kind", "channels"])
        #expect(object["kind"] as? String == "multi")
        let channels = try #require(object["channels"] as? [[String: Any]])
        #expect(channels.count == 1)
        let c = channels[0]
        #expect(Set(c.keys) == ["channel_point", "capacity_sat", "version", "has_close_tx", "commitment", "remote_pubkey",
                                "short_channel_id", "addresses", "initiator", "lease_expiry"])
        #expect(c["channel_point"] as? String == "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0")
        #expect((c["capacity_sat"] as? NSNumber)?.intValue == 10_000_000)
        #expect((c["version"] as? NSNumber)?.intValue == 3)
        #expect(c["has_close_tx"] as? Bool == true)
        #expect(c["short_channel_id"] as? String == "443x1x0")
        #expect(c["addresses"] as? [String] == ["127.0.0.1:10541"])
        #expect(c["lease_expiry"] is NSNull)
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func tableOfVectorBFromRootKey() async throws {
        let result = try await inspect(["--backup", fixtures.backupB, "--rootkey-file", fixtures.rootKeyB])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Single channel backup on regtest: 1 channel, 100000 sat"))
        #expect(result.stdout.contains("85619671cb1987c80723ed457fd829f6444269a4d228ab580cd8f2176f1d4994:0"))
        #expect(result.stdout.contains("172.18.0.6:9735, 127.0.0.1:9636"))
    }

    @Test func exitCodesForEachKindOfMistake() async throws {
        let other = try fixtures.words("abandon kangaroo tribe spell brass entry argue buzz muffin total rug title autumn wish use bubble alarm rent machine hockey fork slam gaze tobacco\n")
        let notThisSeed = try await inspect(["--backup", fixtures.backupA, "--words-file", other, "--network", "regtest"])
        #expect(notThisSeed.status == 68)
        #expect(notThisSeed.stderr.contains("not made by this seed"))

        let typo = try fixtures.words("abandon kangaroo tribe spell brass entry argue buzz muffin total rug title autumn wish use bubble alarm rent machine hockey fork slam gaze tobaco\n", name: "typo.txt")
        let badWord = try await inspect(["--backup", fixtures.backupA, "--words-file", typo])
        #expect(badWord.status == 67)
        #expect(badWord.stderr.contains("tobacco"))

        let missing = try await inspect(["--backup", fixtures.dir.path + "/missing.backup", "--words-file", other])
        #expect(missing.status == 66)

        let empty = try fixtures.dir.write("empty.backup", [])
        #expect(try await inspect(["--backup", empty, "--words-file", other]).status == 65)

        // Secrets are never taken from argv, and there is no terminal here to ask on.
        let noTerminal = try await inspect(["--backup", fixtures.backupA])
        #expect(noTerminal.status == 64)
        #expect(noTerminal.stderr.contains("--words-file"))
    }
}
