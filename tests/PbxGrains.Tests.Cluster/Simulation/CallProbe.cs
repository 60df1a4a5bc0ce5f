using System.Collections.Concurrent;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>An outgoing filter that, while recording, notes each call it sees: from a grain or not, and on which thread.</summary>
public sealed class CallProbe : IOutgoingGrainCallFilter
{
    private readonly ConcurrentQueue<SeenCall> _seen = new();
    private volatile bool _recording;

    public void Record()
    {
        _seen.Clear();
        _recording = true;
    }

    public IReadOnlyList<SeenCall> Stop()
    {
        _recording = false;
        return [.. _seen];
    }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (_recording)
        {
            _seen.Enqueue(new SeenCall($"{context.InterfaceMethod.DeclaringType!.Name}.{context.MethodName}",
                context.SourceContext is not null, Environment.CurrentManagedThreadId));
        }

        return context.Invoke();
    }
}

public sealed record class SeenCall(string Method, bool FromGrain, int Thread);
