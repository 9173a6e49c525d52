using System.Net.Http.Headers;
using System.Text.Json;

namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>Calls the collector's HTTP API as a real client would.</summary>
internal static class Http
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<(int Status, string Body)> GetAsync(string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> JsonAsync(string url, string? token)
    {
        var (status, body) = await GetAsync(url, token);
        if (status != 200)
        {
            throw new InvalidOperationException($"GET {url}: HTTP {status}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
