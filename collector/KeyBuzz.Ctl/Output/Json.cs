using Google.Protobuf;

namespace KeyBuzz.Ctl.Output;

/// <summary>Protobuf messages as JSON with their proto field names in lowerCamelCase.</summary>
internal static class Json
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static string Of(IMessage message) => Formatter.Format(message) + "\n";
}
