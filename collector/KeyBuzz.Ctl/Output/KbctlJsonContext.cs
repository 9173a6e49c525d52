using System.Text.Json.Serialization;

namespace KeyBuzz.Ctl.Output;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(HistoryJson))]
internal sealed partial class KbctlJsonContext : JsonSerializerContext;
