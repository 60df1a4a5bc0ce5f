using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios.Documents;

/// <summary>The corporate directory: profiles, the phone inventory, and the people listed on extensions.</summary>
public sealed class DirectoryDocument
{
    public List<ProfileDocument>? Profiles { get; set; }

    public List<PhoneInventoryDocument>? Phones { get; set; }

    public List<PersonDocument>? People { get; set; }
}

public sealed class ProfileDocument
{
    public string? Name { get; set; }

    public string? Class { get; set; }

    public List<ProfileStatusDocument>? Statuses { get; set; }

    public List<ProfileParameterDocument>? Parameters { get; set; }
}

/// <summary>A status; a bare value is its name.</summary>
public sealed class ProfileStatusDocument : IScalarShorthand
{
    public string? Name { get; set; }

    public int? Permission { get; set; }

    public Dictionary<string, string>? Translations { get; set; }

    public bool TrySetFromScalar(DocScalar scalar)
    {
        Name = scalar.Text;
        return true;
    }
}

public sealed class ProfileParameterDocument
{
    public string? Name { get; set; }

    public string? FriendlyName { get; set; }

    public string? Description { get; set; }

    public string? Type { get; set; }

    /// <summary>user | admin.</summary>
    public string? Scope { get; set; }

    public string? Default { get; set; }

    public List<string>? Options { get; set; }

    public Dictionary<string, string>? Translations { get; set; }
}

/// <summary>A phone of the inventory; with <see cref="Extension"/> it is attached to that extension's line.</summary>
public sealed class PhoneInventoryDocument
{
    public string? Id { get; set; }

    /// <summary>desk | soft | virtual.</summary>
    public string? Kind { get; set; }

    public string? Mac { get; set; }

    public string? Model { get; set; }

    public string? Extension { get; set; }
}

/// <summary>The directory entry of the person behind an extension (which may come from an extension group).</summary>
public sealed class PersonDocument
{
    public string? Extension { get; set; }

    public string? Login { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Group { get; set; }

    public string? Mobile { get; set; }

    public string? Home { get; set; }

    public string? Fax { get; set; }

    public string? Email { get; set; }

    public string? Company { get; set; }

    public string? Office { get; set; }

    public string? Site { get; set; }

    public string? Admin { get; set; }

    public string? OutgoingNumber { get; set; }

    public string? Source { get; set; }

    public bool? Hidden { get; set; }

    public string? ContextId { get; set; }

    public List<ServerKeyDocument>? Servers { get; set; }

    /// <summary>Sets the extension's profile, status, pincode and profile parameters (merged), e.g. on a group's extension.</summary>
    public string? Profile { get; set; }

    public string? Status { get; set; }

    public string? Pincode { get; set; }

    public Dictionary<string, string>? ProfileParameters { get; set; }
}

public sealed class ServerKeyDocument
{
    public string? Key { get; set; }

    public string? Address { get; set; }
}
