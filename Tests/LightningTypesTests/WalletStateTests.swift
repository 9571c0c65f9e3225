import LightningTypes
import Testing

@Suite struct WalletStateTests {
    @Test("every known state keeps its lnd name and proto number", arguments: WalletState.known)
    func knownStatesRoundTrip(_ state: WalletState) throws {
        #expect(WalletState(name: state.name) == state)
        let number = try #require(state.number)
        #expect(WalletState(number: number) == state)
    }

    @Test func theProtoNumbersAreLndsOwn() {
        #expect(WalletState.known.map(\.number) == [0, 1, 2, 3, 4, 255])
        #expect(WalletState.known.map(\.name) == ["NON_EXISTING", "LOCKED", "UNLOCKED", "RPC_ACTIVE", "SERVER_ACTIVE", "WAITING_TO_START"])
    }

    @Test("a state a newer lnd adds is kept by name, never taken for a known one")
    func unknownStatesAreKept() {
        let state = WalletState(name: "SOME_NEW_STATE")
        #expect(state == .unrecognized("SOME_NEW_STATE"))
        #expect(state.name == "SOME_NEW_STATE")
        #expect(state.number == nil)
        #expect(!state.acceptsRPCs && !state.isServerActive)
        #expect(WalletState(number: 7) == nil)
    }

    @Test func onlyRPCActiveAndServerActiveAnswerRPCs() {
        #expect(WalletState.known.filter(\.acceptsRPCs) == [.rpcActive, .serverActive])
        #expect(WalletState.known.filter(\.isServerActive) == [.serverActive])
    }
}
