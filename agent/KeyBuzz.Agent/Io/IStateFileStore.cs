namespace KeyBuzz.Agent.Io;

/// <summary>All access to the node's files goes through here.</summary>
internal interface IStateFileStore
{
    /// <summary>The file's text, or null when it does not exist. Other I/O problems throw.</summary>
    Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken);
}
