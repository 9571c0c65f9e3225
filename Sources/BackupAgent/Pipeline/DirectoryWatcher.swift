import Foundation
public import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Watches lnd's data directory with inotify for a new `channel.backup`. lnd replaces the
/// file by rename, so the directory is watched (IN_MOVED_TO, IN_CLOSE_WRITE), never the file.
/// Every new file goes through the pipeline: sealed at once when the keys are held, otherwise
/// kept locally (still lnd-encrypted) until they are. Linux only; elsewhere it logs and idles.
public struct DirectoryWatcher: Sendable {
    public let directory: String
    public let fileName: String
    let pipeline: SnapshotPipeline
    let status: AgentStatus?
    let logger: Logger
    /// lnd's current Multi (ExportAllChannelBackups), asked after a file changed the snapshot.
    let exportCurrent: (@Sendable () async throws -> [UInt8])?

    public init(directory: String, fileName: String = "channel.backup", pipeline: SnapshotPipeline, status: AgentStatus? = nil,
                logger: Logger, exportCurrent: (@Sendable () async throws -> [UInt8])? = nil) {
        self.exportCurrent = exportCurrent
        self.directory = directory
        self.fileName = fileName
        self.pipeline = pipeline
        self.status = status
        self.logger = logger
    }

    public var filePath: String { directory + "/" + fileName }

    /// Runs until cancelled. The file present at start is ingested once too. A directory that
    /// does not exist yet (lnd not started for the first time, a disk mounted late) or cannot be
    /// watched is retried, every `retry` (logged once), and watched as soon as it can be; so is a
    /// directory that goes away (the watch ends).
    public func run(retry: Duration = .seconds(5)) async {
        await ingestFile()
        #if canImport(Glibc)
        var reported: String?
        while !Task.isCancelled {
            let events: InotifyEvents
            do {
                events = try InotifyEvents(directory: directory, fileName: fileName)
            } catch {
                let problem = "\(error)"
                if reported != problem {
                    logger.warning("\(problem); trying again every \(retry) until lnd's directory can be watched")
                    reported = problem
                }
                try? await Task.sleep(for: retry)
                continue
            }
            if reported != nil {
                logger.notice("watching \(directory) for \(fileName)")
                reported = nil
            }
            await ingestFile()
            for await _ in events.stream {
                await ingestFile()
            }
        }
        #else
        logger.notice("inotify is not available on this platform: watching \(directory) is off")
        #endif
    }

    /// The file may have been read just before a newer state came on lnd's stream and was saved
    /// first; then the file's older set got the higher counter, and nothing newer might follow
    /// for days (review L11). lnd's export is its state now: storing it after the file's puts
    /// the newest state on top again (unchanged when the file was current: nothing is stored).
    private func confirmWithLND() async {
        guard let exportCurrent else { return }
        do {
            _ = try await pipeline.ingest(try await exportCurrent(), origin: .export)
        } catch {
            logger.info("after a change of \(filePath), lnd's own export was not available: \(error)")
        }
    }

    /// Reads the current file and hands it to the pipeline.
    public func ingestFile() async {
        guard let data = FileManager.default.contents(atPath: filePath), !data.isEmpty else { return }
        do {
            // Opened (stored or unchanged): the file is fine again. Deferred: not checked yet.
            let outcome = try await pipeline.ingest([UInt8](data), origin: .file)
            if outcome != .deferred {
                status?.update { $0.unreadableLNDFile = nil }
            }
            if case .saved = outcome { await confirmWithLND() }
        } catch AgentError.unreadableMulti(let why) {
            let unreadable = UnreadableLNDFile(path: filePath, reason: why)
            status?.update { $0.unreadableLNDFile = unreadable }
            logger.error("\(unreadable.warning)")
        } catch {
            logger.warning("\(filePath): \(error)")
        }
    }
}
