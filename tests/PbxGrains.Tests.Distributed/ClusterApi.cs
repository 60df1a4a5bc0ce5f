using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Tests.Distributed;

/// <summary>The control API of one process, read the way the tests need it; every request has a short deadline of its own.</summary>
public sealed class ClusterApi(HostProcess process, Func<string> context)
{
    private static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(8);

    // Loading a scenario configures every entity grain of the tenant through Redis storage: seconds on a busy machine
    // (one timed out at 8 s with the load average at 40). It is set-up, not what a test measures.
    private static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(60);

    public HostProcess Process => process;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, TimeSpan? within = null)
    {
        using var limit = new CancellationTokenSource(within ?? RequestLimit);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        return await process.Http.SendAsync(request, limit.Token);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        return response.StatusCode;
    }

    public async Task PutYamlAsync(string path, string yaml)
    {
        using var response = await SendAsync(HttpMethod.Put, path, new StringContent(yaml, Encoding.UTF8, "application/yaml"), LoadLimit);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{context()}");
    }

    public async Task<JsonElement> PostJsonAsync(string path, object body)
    {
        using var response = await SendAsync(HttpMethod.Post, path, JsonContent.Create(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}\n{context()}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task PostAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Post, path);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{context()}");
    }

    /// <summary>
    /// Polls a condition until it holds or <paramref name="limit"/> passes. A request that fails meanwhile (the cluster is
    /// still declaring a silo dead) counts as "not yet". This waits for propagation; it measures nothing.
    /// </summary>
    public static async Task EventuallyAsync(string what, TimeSpan limit, Func<Task<bool>> condition, Func<string> context)
    {
        var deadline = DateTime.UtcNow + limit;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }

                last = null;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
            {
                last = error;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{what} did not happen within {limit}.{(last is null ? "" : $" Last error: {last.Message}")}\n--- processes ---\n{context()}");
    }
}
