using KeyBuzz.Agent.Core.OnDisk;
using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Sampling;

/// <summary>grastate.dat as it is on disk (also while mariadbd is down).</summary>
internal sealed class GrastateSampler(IStateFileStore files, IOptions<GaleraOptions> options) : IGaleraSampler
{
    private readonly string _path = Path.Combine(options.Value.DataDirectory, "grastate.dat");

    public string Name => "grastate";

    public async Task<GaleraReading> SampleAsync(CancellationToken cancellationToken)
    {
        var text = await files.ReadTextAsync(_path, cancellationToken);
        var grastate = new Grastate { Present = text is not null };
        if (text is not null)
        {
            var parsed = GrastateParser.Parse(text);
            if (parsed.Value is { } file)
            {
                grastate.Version = file.Version;
                grastate.Uuid = file.Uuid;
                grastate.Seqno = file.Seqno;
                grastate.SafeToBootstrap = file.SafeToBootstrap;
            }
            else
            {
                grastate.Error = parsed.Error;
            }
        }

        return new GaleraReading { Grastate = grastate };
    }
}
