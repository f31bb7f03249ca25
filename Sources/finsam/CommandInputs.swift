import FinsamKit

/// Every input a command reads, in one list — the files and the files of the folders it is given, every
/// catalogue, the register, the goals, the rules, and the store — and the one check that what it writes
/// (`--output`, `validate --annotate`) never overwrites one of them, however it is spelt (the same device and
/// inode: a link, a hard link, `./`, `..`), nor lands anywhere inside the store (issue #25).
///
///     try CommandInputs(arguments, files: arguments.positionals).refuse(output: arguments["output"])
struct CommandInputs {
    /// The options that name a file the command reads.
    static let fileOptions = ["avslutsorsaker", "indikatorer", "aktiviteter", "dimensioner", "register", "goals", "regler"]

    /// Files read, as given or as found in a folder.
    var files: [String]
    /// Folders nothing may be written into: the store, also when the command reads files instead (a report
    /// from files with `FINSAM_STORE` set must not write over `index.json` either).
    var folders: [String]

    /// - Parameter files: the data files the command reads (a folder's files already listed).
    init(_ arguments: Arguments, files: [String]) {
        self.files = files + Self.fileOptions.compactMap { arguments[$0] }
        let store = Store.resolve(arguments["store"]).root
        folders = (try? FileSystem.status(store))?.kind == .directory ? [store] : []
    }

    /// The folder a file at `path` would be written in, or its nearest ancestor that exists (an output in a
    /// folder not made yet lies in the store all the same), with links and `..` resolved.
    static func nearestExistingFolder(of path: String) -> String? {
        var folder = AtomicFile.directory(of: path)
        while true {
            if let canonical = FileSystem.canonicalPath(folder) { return canonical }
            let parent = AtomicFile.directory(of: folder)
            guard parent != folder else { return FileSystem.canonicalPath(".") }
            folder = parent
        }
    }

    /// The nearest folder from `folder` up that is a finsam store (``Store/isStore(_:)``), or `nil`.
    static func enclosingStore(of folder: String) -> String? {
        var current = folder
        while true {
            if Store.isStore(current) { return current }
            let parent = AtomicFile.directory(of: current)
            guard parent != current, !current.isEmpty, current != "." else { return nil }
            current = parent
        }
    }

    /// Refuses, before any work (exit 2), an output that is one of the inputs, or that lies in a store.
    ///
    /// - Parameter option: how the output was named on the command line, for the message.
    /// - Throws: ``CLIError/usage(_:)`` naming the input or the store.
    func refuse(output path: String?, option: String = "--output") throws(CLIError) {
        guard let path, path != "-" else {
            // Standard output redirected to a file (`>> arkiv/files/…`): where that file is, as the system
            // tells (Linux), is checked as a path given with --output would be.
            if let redirected = try? FileSystem.linkTarget("/proc/self/fd/1"), redirected.hasPrefix("/"),
                (try? FileSystem.status(of: 1, path: "-"))?.kind == .regular
            {
                try refuse(output: redirected, option: "standard ut till")
            }
            return
        }
        if let output = try? FileSystem.status(path) {
            for input in files where (try? FileSystem.status(input))?.identity == output.identity {
                throw .usage(
                    "\(option) \(path): väntade en ny fil för resultatet, fann indatafilen \(input); välj ett annat namn, så att \(input) inte skrivs över"
                )
            }
        }
        // Where the file would really be written: through a link, in the folder its target lies in.
        guard let target = try? FileSystem.followingLinks(path), let folder = Self.nearestExistingFolder(of: target) else { return }
        // The store this command uses, and any other: a folder above the output that holds an index and
        // files/ is a store (a report written over another store's stored file could not be undone).
        let inStore =
            folders.first { store in
                guard let inside = FileSystem.canonicalPath(store) else { return false }
                return folder == inside || folder.hasPrefix(inside == "/" ? "/" : inside + "/")
            } ?? Self.enclosingStore(of: folder)
        if let store = inStore {
            throw .usage(
                "\(option) \(path): väntade en fil utanför arkivet, fann en sökväg i arkivet (\(store)); välj en annan mapp, så att arkivet inte ändras"
            )
        }
    }
}
