using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PbxGrains.Host.Hosting;

namespace PbxGrains.Tests.Surfaces.Hosting;

/// <summary>
/// PUT /sim/tenants/{id} of a tenant too large to load within the grain call timeout answered 500; a call model that
/// does not answer is a 503 problem, logged with its cause, and other exceptions are left to the default handler.
/// </summary>
public sealed class CallModelUnavailableTests
{
    private sealed class Recording : ILogger<CallModelUnavailableExceptionHandler>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)}");
    }

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
    [InlineData(typeof(OperationCanceledException))]
    public async Task A_call_model_timeout_missing_silo_or_cancelled_placement_is_503(Type type)
    {
        var context = Context();
        context.Request.Method = "GET";
        context.Request.Path = "/ipps/queueactive.php";
        var log = new Recording();
        var handled = await new CallModelUnavailableExceptionHandler(log).TryHandleAsync(context, (Exception)Activator.CreateInstance(type)!, CancellationToken.None);

        Assert.True(handled);
        Assert.StartsWith($"Warning: GET /ipps/queueactive.php answered 503: {type.Name}: ", Assert.Single(log.Lines), StringComparison.Ordinal);
        Assert.Equal(503, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var problem = JsonNode.Parse(context.Response.Body)!;
        Assert.Equal("CallModelUnavailable", (string?)problem["error"]);
    }

    [Fact]
    public async Task A_request_the_client_abandoned_is_not_taken()
    {
        var context = Context();
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        context.RequestAborted = aborted.Token;

        var handled = await new CallModelUnavailableExceptionHandler(NullLogger<CallModelUnavailableExceptionHandler>.Instance)
            .TryHandleAsync(context, new OperationCanceledException(aborted.Token), CancellationToken.None);

        Assert.False(handled);
    }

    [Fact]
    public async Task Other_exceptions_are_not_taken()
    {
        var context = Context();
        Assert.False(await new CallModelUnavailableExceptionHandler(NullLogger<CallModelUnavailableExceptionHandler>.Instance).TryHandleAsync(context, new InvalidOperationException(), CancellationToken.None));
        Assert.Equal(200, context.Response.StatusCode);
    }
}
