namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>The answer formats of parameter <c>f</c>.</summary>
public enum VoipCenterFormat
{
    Php = 0,
    Json = 1,
    Xml = 2,
}
