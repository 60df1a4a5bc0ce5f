using Microsoft.AspNetCore.Http;

namespace PbxGrains.Surfaces.Requests;

/// <summary>
/// Reads a request's form without letting a malformed body become an HTTP 500. ASP.NET throws on bodies the vendors'
/// PHP servers shrug off (a multipart body without a boundary or cut short, a form key longer than 2 kB, <c>%00</c> in
/// a value); each surface then answers its own error for the parameters it did not get.
/// </summary>
public static class FormBodies
{
    /// <summary>The form, or null when the body is not a readable form.</summary>
    public static async Task<IFormCollection?> TryReadFormAsync(this HttpRequest request)
    {
        var aborted = request.HttpContext.RequestAborted;
        try
        {
            return await request.ReadFormAsync(aborted);
        }
        catch (Exception error) when (error is InvalidDataException ||
                                      (error is IOException and not BadHttpRequestException && !aborted.IsCancellationRequested))
        {
            // InvalidDataException: limits and malformed content; IOException: a multipart body that ends early.
            // BadHttpRequestException (a body over the server's size limit, one shorter than its Content-Length)
            // carries its own status (413, 400), which the host's exception handler answers.
            return null;
        }
    }
}
