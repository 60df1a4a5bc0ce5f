namespace PbxGrains.Grains.Hosting;

/// <summary>
/// The last <c>capacity</c> names remembered (ended channels, ended calls), so that a late picture of one cannot bring
/// it back; the oldest is forgotten when a new one comes, so the memory is bounded whatever the history. Only the
/// owning grain's thread touches it.
/// </summary>
public sealed class RecentNames(int capacity)
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>The names remembered, oldest first (what a grain that moves to another silo takes along).</summary>
    public IEnumerable<string> Oldest => _order;

    public bool Contains(string name) => _names.Contains(name);

    public void Add(string name)
    {
        if (!_names.Add(name))
        {
            return;
        }

        _order.Enqueue(name);
        if (_order.Count > capacity)
        {
            _names.Remove(_order.Dequeue());
        }
    }
}
