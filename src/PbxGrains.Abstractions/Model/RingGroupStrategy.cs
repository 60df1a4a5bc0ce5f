namespace PbxGrains.Abstractions.Model;

/// <summary>Ring group strategies of Asterisk-based PBXs, by the names FreePBX gave them.</summary>
public enum RingGroupStrategy
{
    RingAll = 0,
    RingAllPrim = 1,
    Hunt = 2,
    HuntPrim = 3,
    MemoryHunt = 4,
    MemoryHuntPrim = 5,
    FirstAvailable = 6,
    FirstNotOnPhone = 7,
}
