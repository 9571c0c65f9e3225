/// BOLT 1/2 message type numbers this library knows.
public enum MessageType {
    public static let warning: UInt16 = 1
    public static let initMessage: UInt16 = 16
    public static let error: UInt16 = 17
    public static let ping: UInt16 = 18
    public static let pong: UInt16 = 19
    public static let channelReestablish: UInt16 = 136
}
