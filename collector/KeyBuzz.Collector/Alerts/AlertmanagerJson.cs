using System.Text.Json.Serialization;

namespace KeyBuzz.Collector.Alerts;

[JsonSerializable(typeof(List<PostableAlert>))]
internal sealed partial class AlertmanagerJson : JsonSerializerContext;
