namespace PbxGrains.Grains.Hosting;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes <paramref name="next"/> as the grain's state; when storage refuses it, the state in memory goes back to
    /// what storage has, so a failed write never leaves the activation answering from state that was not kept.
    /// </summary>
    public static async Task CommitAsync<T>(this IPersistentState<T> state, T next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
