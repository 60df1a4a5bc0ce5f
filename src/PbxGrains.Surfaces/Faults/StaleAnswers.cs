using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Faults;

/// <summary>
/// The answers a <see cref="FaultKind.StaleAnswer"/> fault serves again: one per tenant, rule and request (method,
/// path, query, the caller's credentials and address, so one caller never sees another's answer), as the handler gave
/// it, until it is the rule's age old. Bounded per process: past <see cref="MaxKept"/> answers the oldest kept goes.
/// Real time: a stale answer is a cache in front of the PBX, which ages by the wall clock.
/// </summary>
public sealed class StaleAnswers(TimeProvider time)
{
    public const int MaxKept = 10_000;

    /// <summary>An answer as it was served: status, content type and body.</summary>
    public sealed record Snapshot(int Status, string? ContentType, byte[] Body, DateTimeOffset TakenAt);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Snapshot> _kept = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public DateTimeOffset Now => time.GetUtcNow();

    public static string KeyOf(string tenant, FaultRule rule, HttpContext context)
    {
        var request = context.Request;
        var caller = $"{request.Headers.Authorization}\n{request.Headers["X-Api-Key"]}\n{context.Connection.RemoteIpAddress}";

        // The caller's credentials are kept only as a hash: the key is never shown, but it need not hold a secret.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(caller)));
        return $"{tenant}\n{rule.Id}\n{rule.Version}\n{request.Method}\n{request.Path}{request.QueryString}\n{hash}";
    }

    /// <summary>The kept answer of <paramref name="key"/> while it is younger than <paramref name="maxAge"/>; else null.</summary>
    public Snapshot? Fresh(string key, TimeSpan maxAge)
    {
        lock (_gate)
        {
            return _kept.TryGetValue(key, out var kept) && Now - kept.TakenAt < maxAge ? kept : null;
        }
    }

    public void Keep(string key, Snapshot answer)
    {
        lock (_gate)
        {
            if (!_kept.ContainsKey(key))
            {
                while (_kept.Count >= MaxKept && _order.TryDequeue(out var oldest))
                {
                    _kept.Remove(oldest);
                }

                _order.Enqueue(key);
            }

            _kept[key] = answer;
        }
    }
}
