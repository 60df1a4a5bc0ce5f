namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>
/// Error 13's counter: a fixed window of requests per API user, kept per process (each silo/API process counts on its
/// own, so behind a load balancer a user gets up to the limit per process). It is a rebuildable read model of recent
/// traffic: losing it only forgives a window. At most 10,000 users are counted at once; past that a user is not
/// limited until a window passes (memory stays bounded, and nobody is refused for others' traffic).
/// </summary>
public sealed class ApiUserRateLimiter(int limit, TimeSpan window, TimeProvider time)
{
    private const int MaxUsers = 10_000;

    private readonly FixedWindowCounts _users = new(window, MaxUsers, time);

    /// <summary>Counts one attempt of <paramref name="user"/>; false when it is over the limit of its window.</summary>
    public bool TryAcquire(string user) => _users.Add(user) is not { } count || count <= limit;
}
