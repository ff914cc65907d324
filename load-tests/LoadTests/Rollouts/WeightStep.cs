namespace LoadTests.Rollouts;

/// <summary>
/// A stretch of consecutive polls that answered the same weight. <see cref="Seen"/> runs from the first such poll's
/// answer to the last one's request; <see cref="Judged"/> is that minus the change margin at both ends.
/// </summary>
/// <param name="Index">0-based, in the order seen.</param>
/// <param name="Weight">The weight the polls answered, in percent.</param>
/// <param name="Seen">From the first poll's answer to the last poll's request.</param>
/// <param name="Judged">Seen, narrowed by the change margin at both ends.</param>
/// <param name="Phases">The phases the polls named, in order, e.g. "Progressing, Promoted".</param>
internal sealed record WeightStep(int Index, double Weight, string Phases, TimeWindow Seen, TimeWindow Judged);
