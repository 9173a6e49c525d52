namespace KeyBuzz.Agent.Io;

internal sealed class StateFileStore : IStateFileStore
{
    // grastate.dat and gvwstate.dat are a few hundred bytes; anything huge is not a state file.
    private const long MaxBytes = 64 * 1024;

    public async Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        if (info.Length > MaxBytes)
        {
            throw new IOException($"{path} is {info.Length} bytes, larger than any Galera state file: inspect it by hand");
        }

        return await File.ReadAllTextAsync(path, cancellationToken);
    }
}
