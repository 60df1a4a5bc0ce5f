using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Catalogue.Rules;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Grains.Catalogue;

/// <summary>What makes one parking lot valid (whether its slots collide with other numbers: <see cref="TenantRules"/>).</summary>
public static class ParkingLotRules
{
    public const int MaxSlots = 1000;

    public static FieldProblems Check(ParkingLotConfig lot)
    {
        var problems = new FieldProblems();
        Check(lot, problems, "");
        return problems;
    }

    public static void Check(ParkingLotConfig lot, FieldProblems problems, string path)
    {
        // The name is Asterisk's parkinglot name, part of keys and of the parked channels' variables.
        if (lot.Name.Length == 0 || !lot.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            problems.Add(Child(path, "name"), "must be letters, digits, '.', '-' or '_'");
        }

        problems.Between(Child(path, "firstSlot"), lot.FirstSlot, 1, 99_999_999);
        problems.Between(Child(path, "slots"), lot.SlotCount, 1, MaxSlots);
        problems.Between(Child(path, "timeout"), lot.TimeoutSeconds, 0, 3600);
    }
}
