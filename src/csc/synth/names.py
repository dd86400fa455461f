"""Invented given names and surnames for synthetic persons and professionals."""

FORENAMES = [
    "Alex", "Sam", "Jordan", "Charlie", "Riley", "Morgan", "Casey", "Jamie", "Taylor", "Robin",
    "Ellis", "Frankie", "Harley", "Kai", "Logan", "Nico", "Quinn", "Rowan", "Sasha", "Toby",
    "Amara", "Bea", "Cleo", "Dara", "Esme", "Finn", "Gus", "Hana", "Isla", "Jude", "Kit", "Lyra",
    "Milo", "Nell", "Otis", "Pip", "Remy", "Sol", "Tess", "Uma", "Vic", "Wren", "Zac", "Ayla",
]
SURNAMES = [
    "Ashdown", "Brackley", "Coombe", "Dunmore", "Ellery", "Fenwick", "Garside", "Holloway", "Ingram",
    "Jessop", "Kerridge", "Lamberth", "Moorcroft", "Newbold", "Oakley", "Pendry", "Quarrie", "Rudge",
    "Selwood", "Thorne", "Upcott", "Vellacott", "Whitcombe", "Yeo", "Abbot", "Blundell", "Chudleigh",
    "Dawlish", "Elford", "Furse", "Gidley", "Hext", "Isaac", "Jewell", "Kellow", "Luscombe", "Mudge",
]
