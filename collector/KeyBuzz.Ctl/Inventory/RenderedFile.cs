namespace KeyBuzz.Ctl.Inventory;

/// <summary>A file `kbctl inventory render` writes, relative to --out; Secret files get mode 0600.</summary>
internal sealed record RenderedFile(string RelativePath, string Content, bool Executable = false);
