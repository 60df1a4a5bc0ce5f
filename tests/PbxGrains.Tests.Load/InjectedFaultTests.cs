using System.Net;
using PbxGrains.Load.Running;

namespace PbxGrains.Tests.Load;

/// <summary>
/// An answer the host marks as an injected fault (<c>X-Pbx-Fault</c>) is counted apart: never an error or a timeout,
/// never in the latency figures, never a failure in a recovery window.
/// </summary>
public sealed class InjectedFaultTests
{
    private sealed class Answering(HttpStatusCode status, string? fault) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("ERROR: INTERNAL ERROR") };
            if (fault is not null)
            {
                response.Headers.Add(Outcome.FaultHeader, fault);
            }

            return Task.FromResult(response);
        }
    }

    private static async Task<Outcome> PollAsync(HttpStatusCode status, string? fault)
    {
        using var http = new LoadHttp(new Uri("http://127.0.0.1/"), new Answering(status, fault));
        return await http.PollAsync("/ipps/queueactive.php", BodyChecks.TextOk, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_marked_answer_is_an_injected_fault_whatever_its_status_and_an_unmarked_one_is_judged_as_before()
    {
        Assert.Equal(Outcome.Injected("f7"), await PollAsync(HttpStatusCode.OK, "f7"));
        Assert.Equal(Outcome.Injected("s1"), await PollAsync(HttpStatusCode.ServiceUnavailable, "s1"));
        Assert.Equal(OutcomeKind.Error, (await PollAsync(HttpStatusCode.OK, null)).Kind);
    }

    [Fact]
    public void The_recorder_counts_injected_faults_apart_from_errors_and_latency()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(0, 1_000, Outcome.Ok);
        recorder.Record(0, 900_000, Outcome.Injected("f1"));
        recorder.Record(0, 2_000, Outcome.Failed("boom"));

        Assert.Equal((1, 1, 0, 1), (recorder.Ok, recorder.Errors, recorder.Timeouts, recorder.Injected));
        Assert.Equal(1, recorder.Summary().Count);
        Assert.True(recorder.Summary().Max < 10, "the injected 900 ms must not be in the latency");
    }
}
