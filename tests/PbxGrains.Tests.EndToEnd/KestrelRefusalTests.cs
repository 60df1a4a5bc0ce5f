using System.Net.Sockets;
using System.Text;

namespace PbxGrains.Tests.EndToEnd;

/// <summary>
/// Refusals only Kestrel makes (a test server has no chunked framing and no body size limit): a body that cannot be
/// read or is too large is the control API's 400/413 problem and each vendor's own error, never a 500.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class KestrelRefusalTests(HostProcessFixture host)
{
    /// <summary>A chunk size past a long: Kestrel throws a plain IOException ("Bad chunk size data"), which was a 500.</summary>
    private const string OverflowingChunk = "fffffffffffffffffff\r\nabc\r\n0\r\n\r\n";

    [Theory]
    [InlineData("/sim/tenants", "application/json", "application/problem+json")]
    [InlineData("/sim/tenants", "application/yaml", "application/problem+json")]
    [InlineData("/pbxapi/authenticate", "application/json", "application/json")]
    public async Task A_chunk_size_that_overflows_is_a_400_in_the_path_s_own_format(string path, string contentType, string answeredAs)
    {
        var answer = await SendRawAsync($"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{OverflowingChunk}");
        Assert.StartsWith("HTTP/1.1 4", answer, StringComparison.Ordinal);
        Assert.Contains($"Content-Type: {answeredAs}", answer, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/api/api.php?action=listcalls", "\"errno\":\"120\"")]
    [InlineData("/api/get.php?f=json", "\"error_number\":\"10\"")]
    [InlineData("/pbxapi/authenticate", "\"detail\":\"Request body too large\"")]
    [InlineData("/xml/pumLogin.php", "<Error>Request body too large</Error>")]
    public async Task A_chunked_body_past_the_surface_limit_is_413_in_the_vendor_s_format(string path, string expected)
    {
        // Chunked, so the size is known only while reading: Kestrel's limit (Pbx:Limits:SurfaceRequestBodyBytes) throws.
        var chunk = new string('a', 64 * 1024);
        var body = new StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            body.Append((64 * 1024).ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n").Append(chunk).Append("\r\n");
        }

        body.Append("0\r\n\r\n");
        var answer = await SendRawAsync($"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{body}");
        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains(expected, answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/api.php", "\"errno\":\"120\"")]
    [InlineData("/api/call.php?f=xml", "<error_number>10</error_number>")]
    [InlineData("/ipps/queueactive.php", "ERROR: REQUEST BODY TOO LARGE")]
    [InlineData("/pbxapi/extensions", "\"detail\":\"Request body too large\"")]
    [InlineData("/xml/dbGetDirectoryInfo.json", "\"Error\":\"Request body too large\"")]
    public async Task A_declared_length_past_the_surface_limit_is_refused_before_reading_in_the_vendor_s_format(string path, string expected)
    {
        // Only the head is sent: the refusal must not wait for two megabytes that never come.
        var answer = await SendRawAsync($"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\na=b");
        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains(expected, answer, StringComparison.Ordinal);
    }

    private async Task<string> SendRawAsync(string request)
    {
        var ct = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before it has read a body it refuses.
        }

        var answer = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer: what was read is the answer.
        }

        return Encoding.UTF8.GetString(answer.ToArray());
    }
}
