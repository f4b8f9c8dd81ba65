#!/usr/bin/env python3
"""Checks the packed .nupkg files of one folder: each carries its own README (titled with its package id), the
repository and project URLs, and DLLs whose embedded PDBs name no build machine path (only /_/... source paths).

usage: inspect_packages.py PACK_FOLDER REPOSITORY_ROOT PACKAGE_ID...
(the libraries' ids; any other package in the folder, such as a tool, is listed and not inspected)
"""
import os
import struct
import sys
import zipfile
import zlib
import xml.etree.ElementTree as ET


def embedded_pdb(image):
    """The decompressed embedded portable PDB of a PE image, or None."""
    pe = struct.unpack_from('<I', image, 0x3c)[0]
    sections = struct.unpack_from('<H', image, pe + 6)[0]
    optional = pe + 24
    magic = struct.unpack_from('<H', image, optional)[0]
    directories = optional + (96 if magic == 0x10b else 112)
    debug_rva, debug_size = struct.unpack_from('<II', image, directories + 6 * 8)
    section_table = optional + struct.unpack_from('<H', image, pe + 20)[0]

    def offset(rva):
        for i in range(sections):
            entry = section_table + 40 * i
            virtual_size, address, raw_size, raw = struct.unpack_from('<IIII', image, entry + 8)
            if address <= rva < address + max(virtual_size, raw_size):
                return rva - address + raw
        return None

    start = offset(debug_rva)
    if start is None:
        return None
    for i in range(debug_size // 28):
        kind, size, _, pointer = struct.unpack_from('<IIII', image, start + 28 * i + 12)
        if kind == 17:  # embedded portable PDB: "MPDB", uncompressed size, deflate stream
            data = image[pointer:pointer + size]
            if data[:4] != b'MPDB':
                return None
            return zlib.decompress(data[8:], -15)
    return None


def compressed(data, at):
    """An ECMA-335 compressed unsigned integer at `at`: (value, next offset)."""
    first = data[at]
    if first & 0x80 == 0:
        return first, at + 1
    if first & 0xC0 == 0x80:
        return ((first & 0x3F) << 8) | data[at + 1], at + 2
    return ((first & 0x1F) << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3], at + 4


def document_names(pdb):
    """The Document table's names of a portable PDB (ECMA-335 metadata with the debug tables)."""
    version_length = struct.unpack_from('<I', pdb, 12)[0]
    at = 16 + version_length + 2
    count = struct.unpack_from('<H', pdb, at)[0]
    at += 2
    streams = {}
    for _ in range(count):
        offset, size = struct.unpack_from('<II', pdb, at)
        end = pdb.index(b'\0', at + 8)
        streams[pdb[at + 8:end].decode()] = (offset, size)
        at = (end + 4) & ~3
    tables, _ = streams['#~']
    blobs, _ = streams['#Blob']
    heap_sizes = pdb[tables + 6]
    valid = struct.unpack_from('<Q', pdb, tables + 8)[0]
    present = [t for t in range(64) if valid >> t & 1]
    rows = dict(zip(present, struct.unpack_from('<%dI' % len(present), pdb, tables + 24)))
    if present[0] != 0x30:
        raise ValueError('the first table of the PDB is not Document')
    blob_index = 4 if heap_sizes & 4 else 2
    guid_index = 4 if heap_sizes & 2 else 2
    row_size = 2 * blob_index + 2 * guid_index
    at = tables + 24 + 4 * len(present)

    def blob(index):
        length, start = compressed(pdb, blobs + index)
        return pdb[start:start + length]

    names = []
    for row in range(rows[0x30]):
        name_index = struct.unpack_from('<I' if blob_index == 4 else '<H', pdb, at + row * row_size)[0]
        name = blob(name_index)
        separator = chr(name[0]) if name[0] else ''
        parts, i = [], 1
        while i < len(name):
            part, i = compressed(name, i)
            parts.append(blob(part).decode('utf-8'))
        names.append(separator.join(parts))
    return names


def main():
    folder, root, expected = sys.argv[1], os.path.realpath(sys.argv[2]), sorted(sys.argv[3:])
    problems = []
    packages = sorted(f for f in os.listdir(folder) if f.endswith('.nupkg'))
    by_id = {package_id: [p for p in packages if p.startswith(package_id + '.') and p[len(package_id) + 1:len(package_id) + 2].isdigit()] for package_id in expected}
    for package_id, found in by_id.items():
        if len(found) != 1:
            problems.append(f'{package_id}: {len(found)} packages')
    inspected = [p for found in by_id.values() for p in found]
    for package in packages:
        if package not in inspected:
            print(f'{package}: not a library, not inspected')
    for package in inspected:
        with zipfile.ZipFile(os.path.join(folder, package)) as nupkg:
            names = nupkg.namelist()
            nuspec = ET.fromstring(nupkg.read(next(n for n in names if n.endswith('.nuspec'))))
            ns = {'n': nuspec.tag.split('}')[0].strip('{')}
            package_id = nuspec.findtext('n:metadata/n:id', namespaces=ns)
            readme = nuspec.findtext('n:metadata/n:readme', namespaces=ns)
            if not readme or readme not in names:
                problems.append(f'{package}: no readme')
            elif not nupkg.read(readme).decode('utf-8').startswith(f'# {package_id}\n'):
                problems.append(f'{package}: the readme is not {package_id}\'s own')
            if not (nuspec.findtext('n:metadata/n:projectUrl', namespaces=ns) or '').startswith('https://'):
                problems.append(f'{package}: no project URL')
            repository = nuspec.find('n:metadata/n:repository', ns)
            if repository is None or not repository.get('url', '').startswith('https://') or not repository.get('commit'):
                problems.append(f'{package}: no repository URL and commit')
            dlls = [n for n in names if n.startswith('lib/') and n.endswith('.dll')]
            if not dlls:
                problems.append(f'{package}: no library')
            for dll in dlls:
                pdb = embedded_pdb(nupkg.read(dll))
                if pdb is None:
                    problems.append(f'{package}: {dll} has no embedded PDB')
                    continue
                if b'"/_/*"' not in pdb or b'"documents"' not in pdb:
                    problems.append(f'{package}: {dll} has no SourceLink map for /_/')
                documents = document_names(pdb)
                leaked = [d for d in documents if d.startswith(root) or (d.startswith('/') and not d.startswith('/_/'))]
                if not documents or leaked:
                    problems.append(f'{package}: {dll} names build paths {leaked[:3]} ({len(documents)} documents)')
        print(f'{package}: ok' if not any(p.startswith(package) for p in problems) else f'{package}: FAILED')
    for problem in problems:
        print('  ' + problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
