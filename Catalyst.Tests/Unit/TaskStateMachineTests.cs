using Catalyst.Core.Tasks;

namespace Catalyst.Tests.Unit;

public sealed class TaskStateMachineTests
{
    static readonly TaskState[] HappyPath =
    [
        TaskState.Queued, TaskState.Planning, TaskState.Architecting, TaskState.Coding,
        TaskState.Testing, TaskState.Reviewing, TaskState.Deploying, TaskState.Completed,
    ];

    [Fact]
    public void A_task_moves_through_every_phase_in_order()
    {
        for (var i = 0; i < HappyPath.Length - 1; i++)
            Assert.True(TaskStateMachine.CanTransition(HappyPath[i], HappyPath[i + 1]), $"{HappyPath[i]} -> {HappyPath[i + 1]}");
    }

    [Theory]
    [InlineData(TaskState.Queued, TaskState.Coding)]
    [InlineData(TaskState.Planning, TaskState.Testing)]
    [InlineData(TaskState.Coding, TaskState.Deploying)]
    [InlineData(TaskState.Testing, TaskState.Completed)]
    [InlineData(TaskState.Architecting, TaskState.Planning)]
    [InlineData(TaskState.Queued, TaskState.Completed)]
    public void Skipping_or_going_back_a_phase_is_rejected(TaskState from, TaskState to)
    {
        var error = Assert.Throws<InvalidTaskTransitionException>(() => TaskStateMachine.EnsureCanTransition(from, to));
        Assert.Contains(from.ToWireName(), error.Message);
        Assert.Contains(to.ToWireName(), error.Message);
    }

    [Theory]
    [InlineData(TaskState.Testing)]
    [InlineData(TaskState.Reviewing)]
    public void Testing_and_reviewing_can_send_the_task_back_to_coding(TaskState from) =>
        Assert.True(TaskStateMachine.CanTransition(from, TaskState.Coding));

    [Theory]
    [InlineData(TaskState.Completed)]
    [InlineData(TaskState.Failed)]
    [InlineData(TaskState.Cancelled)]
    public void A_finished_task_never_moves_again(TaskState terminal)
    {
        Assert.True(TaskStateMachine.IsTerminal(terminal));
        foreach (var to in Enum.GetValues<TaskState>())
            Assert.False(TaskStateMachine.CanTransition(terminal, to), $"{terminal} -> {to}");
    }

    [Fact]
    public void Every_unfinished_task_can_fail_or_be_cancelled()
    {
        foreach (var state in HappyPath[..^1])
        {
            Assert.True(TaskStateMachine.CanTransition(state, TaskState.Failed), $"{state} -> failed");
            Assert.True(TaskStateMachine.CanTransition(state, TaskState.Cancelled), $"{state} -> cancelled");
        }
    }

    [Fact]
    public void Status_names_round_trip_in_snake_case()
    {
        foreach (var state in Enum.GetValues<TaskState>())
            Assert.Equal(state, TaskStateNames.Parse(state.ToWireName()));
        Assert.False(TaskStateNames.TryParse("exploding", out _));
        Assert.False(TaskStateNames.TryParse("42", out _));
    }

    [Fact]
    public void Planning_can_wait_for_approval_and_resumes_planning_once_approved()
    {
        Assert.Equal("awaiting_approval", TaskState.AwaitingApproval.ToWireName());
        Assert.True(TaskStateMachine.CanTransition(TaskState.Planning, TaskState.AwaitingApproval));
        Assert.True(TaskStateMachine.CanTransition(TaskState.AwaitingApproval, TaskState.Planning));
        Assert.True(TaskStateMachine.CanTransition(TaskState.AwaitingApproval, TaskState.Cancelled));
        Assert.False(TaskStateMachine.CanTransition(TaskState.AwaitingApproval, TaskState.Architecting));
        Assert.False(TaskStateMachine.CanTransition(TaskState.Queued, TaskState.AwaitingApproval));
        Assert.Null(TaskStateMachine.PhaseOf(TaskState.AwaitingApproval));
    }

    [Fact]
    public void An_explorer_scan_explores_then_completes_or_goes_on_to_planning()
    {
        Assert.Equal("exploring", TaskState.Exploring.ToWireName());
        Assert.True(TaskStateMachine.CanTransition(TaskState.Queued, TaskState.Exploring));
        Assert.True(TaskStateMachine.CanTransition(TaskState.Exploring, TaskState.Completed));
        Assert.True(TaskStateMachine.CanTransition(TaskState.Exploring, TaskState.Planning));
        Assert.True(TaskStateMachine.CanTransition(TaskState.Exploring, TaskState.Failed));
        Assert.False(TaskStateMachine.CanTransition(TaskState.Exploring, TaskState.Architecting));
        Assert.False(TaskStateMachine.CanTransition(TaskState.Planning, TaskState.Exploring));
        Assert.Equal("exploring", TaskStateMachine.PhaseOf(TaskState.Exploring));
    }
}
