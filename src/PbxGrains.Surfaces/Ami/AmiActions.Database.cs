namespace PbxGrains.Surfaces.Ami;

/// <summary>The AstDB actions, on the tenant's key/value database (the one Issabel's <c>manager/db*</c> uses).</summary>
public static partial class AmiActions
{
    private static bool HasFamilyAndKey(AmiRequest r, bool keyRequired = true)
    {
        if (r.Message["Family"].Length == 0)
        {
            r.Error("No family specified.");
            return false;
        }

        if (keyRequired && r.Message["Key"].Length == 0)
        {
            r.Error("No key specified.");
            return false;
        }

        return true;
    }

    private static async Task DbGetAsync(AmiRequest r)
    {
        if (!HasFamilyAndKey(r))
        {
            return;
        }

        var (family, key) = (r.Message["Family"], r.Message["Key"]);
        var value = await r.Services.Pbx.KeyValues(r.Tenant).GetAsync(family, key);
        if (value is null)
        {
            r.Error("Database entry not found");
            return;
        }

        r.SendList("Result will follow", "DBGetComplete", [("DBGetResponse", p => p.Add("Family", family).Add("Key", key).Add("Val", value))]);
    }

    private static async Task DbPutAsync(AmiRequest r)
    {
        if (!HasFamilyAndKey(r))
        {
            return;
        }

        var result = await r.Services.Pbx.KeyValues(r.Tenant).PutAsync(r.Message["Family"], r.Message["Key"], r.Message["Val"]);
        if (result.IsOk)
        {
            r.Success("Updated database successfully");
        }
        else
        {
            r.Error("Failed to update entry");
        }
    }

    private static async Task DbDelAsync(AmiRequest r)
    {
        if (!HasFamilyAndKey(r))
        {
            return;
        }

        if (await r.Services.Pbx.KeyValues(r.Tenant).DeleteAsync(r.Message["Family"], r.Message["Key"]))
        {
            r.Success("Key deleted successfully");
        }
        else
        {
            r.Error("Database entry not found");
        }
    }

    /// <summary>With a <c>Key</c>, the branch under <c>Family/Key</c>; without, the whole family.</summary>
    private static async Task DbDelTreeAsync(AmiRequest r)
    {
        if (!HasFamilyAndKey(r, keyRequired: false))
        {
            return;
        }

        var branch = r.Message["Key"] is { Length: > 0 } key ? $"{r.Message["Family"]}/{key}" : r.Message["Family"];
        if (await r.Services.Pbx.KeyValues(r.Tenant).DeleteTreeAsync(branch) > 0)
        {
            r.Success("Key tree deleted successfully");
        }
        else
        {
            r.Error("Database entry not found");
        }
    }
}
