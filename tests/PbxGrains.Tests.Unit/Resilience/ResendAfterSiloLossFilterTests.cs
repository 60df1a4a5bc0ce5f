using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using System.Diagnostics.Metrics;
using Orleans.Serialization.Invocation;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Resilience;

namespace PbxGrains.Tests.Unit.Resilience;

/// <summary>Safe calls whose silo left are sent again; any other call, or any other failure, stands.</summary>
public sealed class ResendAfterSiloLossFilterTests
{
    private static readonly MethodInfo Append = typeof(ICdrLogGrain).GetMethod(nameof(ICdrLogGrain.AppendAsync))!;
    private static readonly MethodInfo View = typeof(ICdrLogGrain).GetMethod(nameof(ICdrLogGrain.ViewAsync))!;
    private static readonly MethodInfo Purge = typeof(ICdrLogGrain).GetMethod(nameof(ICdrLogGrain.PurgeAsync))!;

    private static ResendAfterSiloLossFilter Filter()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new ResendAfterSiloLossFilter(NullLogger<ResendAfterSiloLossFilter>.Instance, meters, [TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)]);
    }

    /// <summary>A call whose sends fail as listed (null: answered), in order; past the list, every send answers.</summary>
    private sealed class ScriptedCall(MethodInfo method, bool throws, params Exception?[] sends) : IOutgoingGrainCallContext
    {
        public int Sends { get; private set; }

        public Task Invoke()
        {
            var failure = Sends < sends.Length ? sends[Sends] : null;
            Sends++;
            if (failure is not null && throws)
            {
                throw failure;
            }

            Response = failure is null ? Response.Completed : Response.FromException(failure);
            return Task.CompletedTask;
        }

        public IInvokable Request => null!;
        public object Grain => null!;
        public MethodInfo InterfaceMethod => method;
        public string InterfaceName => method.DeclaringType!.Name;
        public string MethodName => method.Name;
        public GrainId? SourceId => null;
        public GrainId TargetId => GrainId.Create("test", "target");
        public GrainInterfaceType InterfaceType => default;
        public object? Result { get; set; }
        public Response? Response { get; set; }
        public IGrainContext? SourceContext => null;
    }

    private static SiloUnavailableException SiloLeft() => new("The target silo became unavailable for message");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_safe_call_whose_silo_left_is_sent_again_until_it_is_answered(bool throws)
    {
        var appended = new ScriptedCall(Append, throws, SiloLeft(), SiloLeft());
        var viewed = new ScriptedCall(View, throws, SiloLeft());

        await Filter().Invoke(appended);
        await Filter().Invoke(viewed);

        Assert.Equal((3, 2), (appended.Sends, viewed.Sends));
        Assert.Null(appended.Response!.Exception);
        Assert.Null(viewed.Response!.Exception);
    }

    [Fact]
    public async Task A_call_not_marked_safe_is_sent_once_and_its_failure_stands()
    {
        var purged = new ScriptedCall(Purge, throws: false, SiloLeft());

        await Filter().Invoke(purged);

        Assert.Equal(1, purged.Sends);
        Assert.IsType<SiloUnavailableException>(purged.Response!.Exception);
    }

    [Fact]
    public async Task A_failure_of_the_grain_itself_is_not_resent()
    {
        var appended = new ScriptedCall(Append, throws: false, new InvalidOperationException("the grain failed"));

        await Filter().Invoke(appended);

        Assert.Equal(1, appended.Sends);
        Assert.IsType<InvalidOperationException>(appended.Response!.Exception);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_the_last_resend_the_failure_stands_as_it_came(bool throws)
    {
        var appended = new ScriptedCall(Append, throws, SiloLeft(), SiloLeft(), SiloLeft(), SiloLeft());

        if (throws)
        {
            await Assert.ThrowsAsync<SiloUnavailableException>(() => Filter().Invoke(appended));
        }
        else
        {
            await Filter().Invoke(appended);
            Assert.IsType<SiloUnavailableException>(appended.Response!.Exception);
        }

        Assert.Equal(3, appended.Sends);
    }
}
