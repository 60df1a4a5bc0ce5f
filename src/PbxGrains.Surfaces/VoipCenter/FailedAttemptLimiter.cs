using System.Net;
using System.Net.Sockets;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>
/// Failed credential checks per source address (wrong customer, API user, signature or password), kept per process: an
/// address with <c>limit</c> failures in its window is answered 13 before any check, so credentials cannot be guessed
/// faster than that, and nobody but the address itself is slowed (a user's own limit counts only correctly signed
/// requests: <see cref="ApiUserRateLimiter"/>). An IPv6 address counts by its /64, which one host usually holds whole.
/// Memory is bounded: at most <c>maxAddresses</c> are tracked; when that many have failed within their windows, a new
/// address is not tracked until one window passes (it is never refused for another's failures).
/// </summary>
public sealed class FailedAttemptLimiter(int limit, TimeSpan window, int maxAddresses, TimeProvider time)
{
    private readonly FixedWindowCounts _addresses = new(window, maxAddresses, time);

    /// <summary>How many addresses are tracked now (tests of the bound).</summary>
    public int Tracked => _addresses.Tracked;

    /// <summary>Whether <paramref name="address"/> has used up its failures for the current window.</summary>
    public bool IsBlocked(IPAddress? address) => _addresses.Current(KeyOf(address)) >= limit;

    /// <summary>Counts one failed check from <paramref name="address"/> (not when the bound on addresses is reached).</summary>
    public void Fail(IPAddress? address) => _addresses.Add(KeyOf(address));

    /// <summary>The address as counted: IPv4 (also when mapped into IPv6) whole, IPv6 by its /64; none (in-process) as one.</summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "local";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
