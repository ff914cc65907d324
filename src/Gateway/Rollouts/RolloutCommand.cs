namespace Gateway.Rollouts;

/// <summary>The management calls, <c>POST /rollout/{command}</c>.</summary>
public enum RolloutCommand
{
    Start,
    Pause,
    Resume,
    Promote,
    Abort,
    Reset,
}
