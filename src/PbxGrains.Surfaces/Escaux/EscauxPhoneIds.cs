using System.Security.Cryptography;
using System.Text;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>
/// The phone resource the API shows for a line, the one rule for it. In the product a queue member, a caller's phone
/// and a phone listing always name a phone resource (<c>SDX…</c> softphones, <c>SDP</c>/<c>SDC</c>/<c>SDO…</c> desk
/// phones, <c>SVE…</c> virtual phones), never an extension number: clients read <c>Phone</c> as a string (the Escaux
/// Monitor takes <c>Phone.substr(0,4)</c>; a bare <c>2003</c> is parsed by XML parsers into a number, and that call
/// throws). A line the directory gives no phone therefore gets a virtual phone of its own: <c>SVE</c> + four hex
/// digits of the tenant (SHA-256 of its id) + the line's number (<c>*</c> written <c>E</c>, <c>#</c> written
/// <c>F</c>), e.g. <c>SVE2A972003</c> for 2003 of tenant <c>demo</c>. It is computed, not stored: the same tenant and
/// number give the same id on every process and after every restart; two lines never share one (the number is in it
/// verbatim); and it reads back to its line, so a client can hand it to ccQueueAdd, ccQueuePause or ccOriginate. Only
/// the Escaux surface names phones this way (the other products name a line's device by its SIP peer), so this is a
/// surface mapping rule, not a call-model fact.
/// </summary>
internal static class EscauxPhoneIds
{
    private const string VirtualPrefix = "SVE";

    private const int TagLength = 4;

    /// <summary>The line's primary phone, else its virtual phone.</summary>
    public static string Of(string tenant, ExtensionConfig config) => config.DeviceIds.Length > 0 ? config.DeviceIds[0] : Virtual(tenant, config.Number);

    public static string Virtual(string tenant, string number) =>
        VirtualPrefix + Tag(tenant) + string.Concat(number.Select(c => c switch { '*' => 'E', '#' => 'F', _ => c }));

    /// <summary>The line number a virtual phone id of this tenant names, or null when the id is not one.</summary>
    public static string? NumberOf(string tenant, string phoneId)
    {
        var head = VirtualPrefix.Length + TagLength;
        if (phoneId.Length <= head || !phoneId.StartsWith(VirtualPrefix, StringComparison.OrdinalIgnoreCase) ||
            !phoneId.AsSpan(VirtualPrefix.Length, TagLength).Equals(Tag(tenant), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var number = new StringBuilder(phoneId.Length - head);
        foreach (var c in phoneId.AsSpan(head))
        {
            char? digit = c switch
            {
                >= '0' and <= '9' => c,
                'E' or 'e' => '*',
                'F' or 'f' => '#',
                _ => null,
            };
            if (digit is null)
            {
                return null;
            }

            number.Append(digit.Value);
        }

        return number.ToString();
    }

    private static string Tag(string tenant) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(tenant)), 0, TagLength / 2);
}
