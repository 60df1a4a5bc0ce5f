namespace PbxGrains.Surfaces.Sockets;

/// <summary>One consumer a <see cref="SocketSurfaceServer{TConnection}"/> serves, from accept to close.</summary>
public interface ISocketConnection : IAsyncDisposable
{
    /// <summary>True once the connection was dropped for falling behind.</summary>
    bool Overflowed { get; }

    /// <summary>Serves the consumer until either side ends; never throws for a consumer that went away.</summary>
    Task RunAsync();
}
