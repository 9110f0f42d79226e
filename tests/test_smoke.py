from tests.helpers import commits, run


def test_session_new_in_sample(sample):
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("sessions/03-2026-02-12.md")
    assert commits(sample)[0] == "Add session 3 (2026-02-12)"
