namespace PbxGrains.Surfaces.Escaux;

/// <summary>How a request asked to be answered: <c>.php</c> (and the extension-less names) in XML, <c>.json</c> in JSON.</summary>
public enum EscauxFormat
{
    Xml = 0,
    Json = 1,
}
