namespace PbxGrains.Client;

/// <summary>
/// Grain references by string key without Orleans' per-call type lookup. <c>IGrainFactory.GetGrain&lt;T&gt;(string)</c>
/// resolves the interface's <see cref="GrainInterfaceType"/> by reading its attributes through reflection on every call
/// (Orleans 10.4's <c>GrainInterfaceTypeResolver</c> keeps no cache): measured at 5–10% of the host's CPU at 500 whole
/// calls/s, where every call makes dozens of references. Here the first reference of an interface is made the
/// ordinary way and its grain type and interface type are remembered; every later one is built from them, which is
/// what Orleans itself does after the lookup.
/// </summary>
public static class GrainReferences
{
    /// <summary>The grain of interface <typeparamref name="T"/> with this key.</summary>
    public static T Ref<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        // Orleans refuses such keys; so does this, whether or not the types are remembered yet.
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (Types<T>.Resolved is not { } types)
        {
            var first = grains.GetGrain<T>(key);
            var reference = (GrainReference)(object)first;
            Types<T>.Resolved = new ResolvedTypes(reference.GrainId.Type, reference.InterfaceType);
            return first;
        }

        return (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    /// <summary>
    /// The types of one interface. A memo of a pure function of the interface and the build's grain classes, the same
    /// in every silo and client of a deployment (they run one build), so it may be shared by the whole process.
    /// </summary>
    private static class Types<T>
    {
        public static ResolvedTypes? Resolved;
    }

    private sealed record ResolvedTypes(GrainType Grain, GrainInterfaceType Interface);
}
