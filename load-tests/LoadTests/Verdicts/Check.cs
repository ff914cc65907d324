namespace LoadTests.Verdicts;

/// <summary>One pass/fail rule of a run, with the numbers behind it.</summary>
internal sealed record Check(string Name, bool Passed, string Detail);
