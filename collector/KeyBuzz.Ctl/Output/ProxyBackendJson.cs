namespace KeyBuzz.Ctl.Output;

/// <summary>One backend as one ProxySQL routes it, with the reason from its latest Galera check.</summary>
internal sealed record ProxyBackendJson(string Endpoint, string Role, string Status, long Weight, string Reason);
