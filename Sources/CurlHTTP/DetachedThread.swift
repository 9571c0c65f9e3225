internal import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs blocking libcurl calls on their own OS thread, never on Swift's cooperative pool
/// (whose few threads must not block for the seconds or days a transfer can take). The
/// threads are named `casa-http` (as seen in /proc and by debuggers).
enum DetachedThread {
    static let name = "casa-http"

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    static func start(_ run: @escaping @Sendable () -> Void) throws(HTTPClientError) {
        let context = Unmanaged.passRetained(Body(run)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, 512 << 10)
        #if canImport(Glibc)
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { context in
            casa_name_current_thread(DetachedThread.name)
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        #else
        var thread: pthread_t? = nil
        let status = pthread_create(&thread, &attributes, { context in
            casa_name_current_thread(DetachedThread.name)
            Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        #endif
        if status != 0 {
            Unmanaged<Body>.fromOpaque(context).release()
            throw .setupFailed("cannot start a thread for the request (pthread_create error \(status))")
        }
    }
}
