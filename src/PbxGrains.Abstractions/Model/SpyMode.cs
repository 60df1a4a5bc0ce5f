namespace PbxGrains.Abstractions.Model;

/// <summary>ChanSpy modes: listen only, whisper to the spied channel, or barge into both sides.</summary>
public enum SpyMode
{
    Listen = 0,
    Whisper = 1,
    Barge = 2,
}
