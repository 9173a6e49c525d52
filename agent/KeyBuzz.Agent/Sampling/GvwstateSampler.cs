using KeyBuzz.Agent.Core.OnDisk;
using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Sampling;

/// <summary>gvwstate.dat (pc.recovery's saved view); it only exists after an ungraceful stop.</summary>
internal sealed class GvwstateSampler(IStateFileStore files, IOptions<GaleraOptions> options) : IGaleraSampler
{
    private readonly string _path = Path.Combine(options.Value.DataDirectory, "gvwstate.dat");

    public string Name => "gvwstate";

    public async Task<GaleraReading> SampleAsync(CancellationToken cancellationToken)
    {
        var text = await files.ReadTextAsync(_path, cancellationToken);
        var gvwstate = new Gvwstate { Present = text is not null };
        if (text is not null)
        {
            var parsed = GvwstateParser.Parse(text);
            if (parsed.Value is { } file)
            {
                gvwstate.MyUuid = file.MyUuid;
                gvwstate.ViewId = file.ViewId;
                gvwstate.Bootstrap = file.Bootstrap;
                gvwstate.Members.AddRange(file.Members);
            }
            else
            {
                gvwstate.Error = parsed.Error;
            }
        }

        return new GaleraReading { Gvwstate = gvwstate };
    }
}
