namespace Mesh.ContextStore.Storage.Embedded;

/// <summary>
/// The embedded store's folders under its data directory: <c>entries/</c> (one <c>&lt;id&gt;.ctx</c> per
/// entry), <c>tmp/</c> (Puts in progress, renamed into <c>entries/</c> when complete) and
/// <c>quarantine/</c> (corrupt files, kept for inspection, never served). Names come from
/// <see cref="ContextId.FileName"/> only.
/// </summary>
public sealed class EntryFolders(string root)
{
    /// <summary>The data directory.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Committed entries.</summary>
    public string Entries => Path.Combine(Root, "entries");

    /// <summary>Puts in progress (same file system as <see cref="Entries"/>, so the rename is atomic).</summary>
    public string Temp => Path.Combine(Root, "tmp");

    /// <summary>Corrupt files taken out of the store.</summary>
    public string Quarantine => Path.Combine(Root, "quarantine");

    /// <summary>Creates the folders and clears Puts that a stop interrupted.</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(Entries);
        Directory.CreateDirectory(Quarantine);
        if (Directory.Exists(Temp)) Directory.Delete(Temp, recursive: true);
        Directory.CreateDirectory(Temp);
    }

    /// <summary>The file of <paramref name="id"/>.</summary>
    public string PathOf(ContextId id) => Path.Combine(Entries, id.FileName);

    /// <summary>A fresh file name for a Put in progress.</summary>
    public string NewTempPath() => Path.Combine(Temp, $"{ContextId.NewRandom()}.part");

    /// <summary>Where a corrupt file of <paramref name="id"/> goes, stamped so that repeats do not collide.</summary>
    public string QuarantinePathOf(ContextId id, DateTimeOffset now) =>
        Path.Combine(Quarantine, $"{id.Value}.{now.UtcDateTime:yyyyMMdd'T'HHmmssfffffff}.ctx");
}
