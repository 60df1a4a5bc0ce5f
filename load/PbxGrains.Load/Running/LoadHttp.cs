using System.Buffers;
using System.Net;
using System.Text;

namespace PbxGrains.Load.Running;

/// <summary>
/// The suite's HTTP client: one connection pool to the host, no client-side timeout (the runner's token is the
/// timeout), answers read whole into a pooled buffer so that the client allocates little per request.
/// </summary>
public sealed class LoadHttp : IDisposable
{
    private readonly HttpClient _client;

    public LoadHttp(Uri baseAddress, int maxConnections = 512)
        : this(baseAddress, new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
    {
    }

    /// <summary>Over a handler of the caller's (tests answer from memory).</summary>
    public LoadHttp(Uri baseAddress, HttpMessageHandler handler)
    {
        BaseAddress = baseAddress;
        _client = new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client => _client;

    /// <summary>GETs <paramref name="path"/>; the answer is good when <paramref name="check"/> finds nothing wrong.</summary>
    public async Task<Outcome> PollAsync(string path, BodyCheck check, CancellationToken ct)
    {
        using var response = await _client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            // The first bytes (up to 64) are kept for the check; later reads land after them and are dropped.
            var head = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(head), ct)) > 0)
            {
                if (head == 0)
                {
                    head = Math.Min(read, 64);
                }
            }

            var problem = check((int)response.StatusCode, buffer.AsSpan(0, head));
            return Outcome.Of(response, problem is null ? Outcome.Ok : Outcome.Failed(problem));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The whole answer of one GET, outside any measurement (probes and set-up).</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetTextAsync(string path, CancellationToken ct)
    {
        using var response = await _client.GetAsync(path, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>Looks at an answer's status and first bytes; null when it is a good answer, else what is wrong.</summary>
public delegate string? BodyCheck(int status, ReadOnlySpan<byte> head);

public static class BodyChecks
{
    /// <summary>200 and not one of the vendor's in-band error texts (IPPS answers its errors with 200 too).</summary>
    public static string? TextOk(int status, ReadOnlySpan<byte> head)
    {
        if (status != 200)
        {
            return $"HTTP {status}";
        }

        return head.StartsWith("ERROR"u8) ? Encoding.UTF8.GetString(head[..Math.Min(head.Length, 40)]).Trim() : null;
    }

    /// <summary>200 and a success answer of VoIPSUN's api.php (its errors come with 200 and <c>"success":"false"</c>).</summary>
    public static string? JsonSuccess(int status, ReadOnlySpan<byte> head) =>
        status != 200 ? $"HTTP {status}"
        : head.StartsWith("{\"success\":\"true\""u8) ? null
        : Encoding.UTF8.GetString(head[..Math.Min(head.Length, 60)]).Trim();

    public static string? Status200(int status, ReadOnlySpan<byte> head) => status == 200 ? null : $"HTTP {status}";
}
