namespace PbxGrains.Grains.Simulation.Stepping;

/// <summary>A stepped simulation whose grain work did not come to rest in time.</summary>
public sealed class SimulationStuckException(string message) : Exception(message);
