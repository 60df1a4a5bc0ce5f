using System.Text.RegularExpressions;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// What a manager session is allowed and asked to see: who logged in for which tenant, the classes it may read and
/// write, its event mask (<c>Events:</c>) and its filters (<c>Filter</c>), as Asterisk's <c>mansession_session</c>
/// holds them. The connection's reader changes it; the tenant stream reads it for every event, so the fields the
/// stream reads are swapped whole.
/// </summary>
public sealed class AmiSession
{
    /// <summary>A filter may run this long on one event; one that takes longer counts as not matching.</summary>
    private static readonly TimeSpan FilterBudget = TimeSpan.FromMilliseconds(50);

    private volatile Filters _filters = Filters.None;
    private volatile int _sendEvents;

    public bool Authenticated { get; private set; }

    public string Tenant { get; private set; } = "";

    public string User { get; private set; } = "";

    public AmiPermission Read { get; private set; }

    public AmiPermission Write { get; private set; }

    /// <summary>The classes of events the session receives: its read permission narrowed by its event mask.</summary>
    public AmiPermission SendEvents => (AmiPermission)_sendEvents;

    /// <summary>The challenge of <c>Action: Challenge</c>, kept until login (Asterisk keeps it for the session).</summary>
    public string? Challenge { get; set; }

    public void LoggedIn(string tenant, AmiUser user)
    {
        Tenant = tenant;
        User = user.Name;
        Read = user.Read;
        Write = user.Write;
        _sendEvents = (int)user.Read;
        Authenticated = true;
    }

    /// <summary>Asterisk's <c>set_eventmask</c>: the mask is narrowed to what the user may read.</summary>
    public void SetEventMask(AmiPermission mask) => _sendEvents = (int)(Read & mask);

    /// <summary>May the session run an action of class <paramref name="authority"/> (0: anyone logged in)?</summary>
    public bool MayWrite(AmiPermission authority) => authority == AmiPermission.None || (Write & authority) != 0;

    /// <summary>Adds a filter: a regular expression an event must match, or with a leading <c>!</c> one it must not.</summary>
    public bool TryAddFilter(string filter)
    {
        var exclude = filter.StartsWith('!');
        Regex regex;
        try
        {
            regex = new Regex(exclude ? filter[1..] : filter, RegexOptions.CultureInvariant, FilterBudget);
        }
        catch (ArgumentException)
        {
            return false;
        }

        var current = _filters;
        _filters = exclude ? current with { Exclude = [.. current.Exclude, regex] } : current with { Include = [.. current.Include, regex] };
        return true;
    }

    /// <summary>Whether the session receives <paramref name="e"/>: every class of the event readable and asked for, and its filters pass.</summary>
    public bool Wants(AmiEvent e)
    {
        var send = (AmiPermission)_sendEvents;
        if (!Authenticated || (Read & e.Permission) != e.Permission || (send & e.Permission) != e.Permission)
        {
            return false;
        }

        var filters = _filters;
        return ReferenceEquals(filters, Filters.None) || filters.Pass(e.Text);
    }

    /// <summary>
    /// Asterisk's filtering: with include filters, an event must match one; then it must match no exclude filter.
    /// </summary>
    private sealed record class Filters(Regex[] Include, Regex[] Exclude)
    {
        public static readonly Filters None = new([], []);

        public bool Pass(string text) =>
            (Include.Length == 0 || Include.Any(r => Matches(r, text))) && !Exclude.Any(r => Matches(r, text));

        private static bool Matches(Regex regex, string text)
        {
            try
            {
                return regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
    }
}
