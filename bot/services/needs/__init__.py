"""Technology needs: the CDA's board (status, members, providers, actions) and the members' view of it."""
