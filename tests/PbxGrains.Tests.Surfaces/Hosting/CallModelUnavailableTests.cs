using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PbxGrains.Host.Hosting;

namespace PbxGrains.Tests.Surfaces.Hosting;

/// <summary>
/// PUT /sim/tenants/{id} of a tenant too large to load within the grain call timeout answered 500; a call model that
/// does not answer is a 503 problem, and other exceptions are left to the default handler.
/// </summary>
public sealed class CallModelUnavailableTests
{
    private static DefaultHttpContext Context()
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        return context;
    }

    [Theory]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(Orleans.Runtime.SiloUnavailableException))]
    public async Task A_call_model_timeout_or_missing_silo_is_503(Type type)
    {
        var context = Context();
        var handled = await new CallModelUnavailableExceptionHandler().TryHandleAsync(context, (Exception)Activator.CreateInstance(type)!, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(503, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var problem = JsonNode.Parse(context.Response.Body)!;
        Assert.Equal("CallModelUnavailable", (string?)problem["error"]);
    }

    [Fact]
    public async Task Other_exceptions_are_not_taken()
    {
        var context = Context();
        Assert.False(await new CallModelUnavailableExceptionHandler().TryHandleAsync(context, new InvalidOperationException(), CancellationToken.None));
        Assert.Equal(200, context.Response.StatusCode);
    }
}
