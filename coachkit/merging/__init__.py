"""Notes merged by structure when two clones changed them: git's merge driver for coachkit.

``coachkit merge-driver`` (:mod:`coachkit.merging.driver`) merges a note's front
matter item by item and its body as text; ``coachkit git-setup``
(:mod:`coachkit.merging.git_setup`) installs it in a repository.
"""
