import { FakeBlob, isFakeBlob, MAX_BLOB_BYTES } from './blob';
import { DRIVE_COSTS } from './costs';
import type { FakeRuntime } from './runtime';

type Folder = GoogleAppsScript.Drive.Folder;
type File = GoogleAppsScript.Drive.File;
type DriveUser = GoogleAppsScript.Drive.User;
type Access = GoogleAppsScript.Drive.Access;
type Permission = GoogleAppsScript.Drive.Permission;
type FolderIterator = GoogleAppsScript.Drive.FolderIterator;
type FileIterator = GoogleAppsScript.Drive.FileIterator;

/** The Drive classes counted under the 'Drive' service. */
export const DRIVE_CLASSES = ['DriveApp', 'Folder', 'File', 'FolderIterator', 'FileIterator'];

export const ACCESS = {
  ANYONE: 'ANYONE',
  ANYONE_WITH_LINK: 'ANYONE_WITH_LINK',
  DOMAIN: 'DOMAIN',
  DOMAIN_WITH_LINK: 'DOMAIN_WITH_LINK',
  PRIVATE: 'PRIVATE',
} as const;
export type AccessName = keyof typeof ACCESS;

export const PERMISSION = {
  VIEW: 'VIEW',
  EDIT: 'EDIT',
  COMMENT: 'COMMENT',
  OWNER: 'OWNER',
  ORGANIZER: 'ORGANIZER',
  NONE: 'NONE',
} as const;
export type PermissionName = keyof typeof PERMISSION;

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const DOCUMENT_MIME = 'application/vnd.google-apps.document';
export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';

export const NOT_FOUND =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

const EMAIL = /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** One file or folder as the fake stores it. */
interface DriveNode {
  id: string;
  kind: 'folder' | 'file';
  name: string;
  description: string | null;
  /** Single parent (Drive's one-parent model); null for My Drive itself. */
  parentId: string | null;
  mimeType: string;
  content: string;
  /** A binary file's content (a PDF); then `content` is ''. */
  bytes: Uint8Array | null;
  owner: string;
  /** Explicit editors and viewers (commenters count as viewers), lower-cased, owner excluded. */
  editors: string[];
  viewers: string[];
  access: AccessName;
  permission: PermissionName;
  trashed: boolean;
  /** Virtual time it was made (getDateCreated). */
  created: number;
}

/** What `fake.drive.folders()` / `files()` / `item()` report (a copy; uncounted). */
export interface DriveItemInfo {
  id: string;
  kind: 'folder' | 'file';
  name: string;
  description: string | null;
  parentId: string | null;
  mimeType: string;
  content: string;
  bytes: Uint8Array | null;
  owner: string;
  editors: string[];
  viewers: string[];
  access: AccessName;
  permission: PermissionName;
  trashed: boolean;
  url: string;
}

/** Test controls for Drive (`fake.drive`): none of them are counted or take virtual time. */
export interface DriveControls {
  /** The ID of My Drive (DriveApp.getRootFolder()). */
  rootId: string;
  /** Makes a folder (default: in My Drive) and returns its ID. */
  seedFolder(name: string, parentId?: string): string;
  /** Makes a file (default: a Google Doc in My Drive) and returns its ID. */
  seedFile(
    name: string,
    parentId?: string,
    opts?: { mimeType?: string; content?: string; bytes?: Uint8Array; description?: string },
  ): string;
  /** Every folder except My Drive, or only the children of `parentId`; trashed ones included. */
  folders(parentId?: string): DriveItemInfo[];
  /** Every file, or only those directly in `parentId`; trashed ones included. */
  files(parentId?: string): DriveItemInfo[];
  item(id: string): DriveItemInfo | undefined;
  /** Deletes an item for good (with everything inside it): getFolderById then throws. */
  remove(id: string): void;
  /** Moves an item to the trash (as setTrashed(true) would). */
  trash(id: string): void;
  /** What a missing item's exception says from now on (Google's messages vary by language). */
  setNotFoundMessage(message: string): void;
}

/** The state behind DriveApp: every item by ID, and the user who owns what the script makes. */
export class DriveStore {
  readonly nodes = new Map<string, DriveNode>();
  /** Google's wording varies (localised, "Unexpected error while getting the method…"). */
  notFoundMessage = NOT_FOUND;
  readonly rootId: string;
  /** Export formats by source MIME type (Slides registers its PDF export): null = unsupported. */
  readonly converters = new Map<
    string,
    (content: string, to: string, name: string) => string | Uint8Array | null
  >();
  /** Called before a copy is made, with its MIME type (Slides counts its daily quota here). */
  readonly beforeCreate: ((mimeType: string) => void)[] = [];
  private counter = 0;
  private costsJoined = false;

  constructor(
    readonly rt: FakeRuntime,
    readonly owner: string,
  ) {
    // Costs join the table on the first Drive call, so a test that registers its own Drive costs
    // first (runtime.registerService) keeps them; the `costs` option always wins.
    rt.registerService('Drive', DRIVE_CLASSES);
    this.rootId = this.add({ kind: 'folder', name: 'My Drive', parentId: null }).id;
  }

  hit(className: string, method: string, cells = 0): void {
    if (!this.costsJoined) {
      this.rt.registerService('Drive', DRIVE_CLASSES, DRIVE_COSTS);
      this.costsJoined = true;
    }
    this.rt.hit(className, method, cells);
  }

  add(init: {
    kind: 'folder' | 'file';
    name: string;
    parentId: string | null;
    mimeType?: string;
    content?: string;
    bytes?: Uint8Array | null;
    description?: string | null;
    /** A given ID (a form made by FormApp is a Drive file with the form's ID). */
    id?: string;
    /** False: a given ID takes no number from the counter (the bound spreadsheet's file). */
    counted?: boolean;
  }): DriveNode {
    if (init.counted !== false) this.counter += 1;
    const id = init.id ?? `1FakeDrive${String(this.counter).padStart(23, '0')}`;
    const node: DriveNode = {
      id,
      kind: init.kind,
      name: init.name,
      description: init.description ?? null,
      parentId: init.parentId,
      mimeType: init.kind === 'folder' ? FOLDER_MIME : (init.mimeType ?? DOCUMENT_MIME),
      content: init.content ?? '',
      bytes: init.bytes ?? null,
      owner: this.owner,
      editors: [],
      viewers: [],
      access: 'PRIVATE',
      permission: 'NONE',
      trashed: false,
      created: this.rt.clock.nowMs(),
    };
    this.nodes.set(id, node);
    return node;
  }

  /** The node, or an Apps Script 'not found' exception. */
  get(id: string, kind?: 'folder' | 'file'): DriveNode {
    if (typeof id !== 'string' || id === '') throw this.rt.error('Invalid argument: id');
    const node = this.nodes.get(id);
    if (!node || (kind && node.kind !== kind)) throw this.rt.error(this.notFoundMessage);
    return node;
  }

  children(parentId: string, kind: 'folder' | 'file', name?: string): DriveNode[] {
    const out: DriveNode[] = [];
    for (const node of this.nodes.values()) {
      if (node.parentId !== parentId || node.kind !== kind) continue;
      if (name !== undefined && node.name !== name) continue;
      out.push(node);
    }
    return out;
  }

  remove(id: string): void {
    for (const child of [...this.nodes.values()]) if (child.parentId === id) this.remove(child.id);
    this.nodes.delete(id);
  }

  folderView(id: string): Folder {
    return new FakeFolder(this, id) as unknown as Folder;
  }

  fileView(id: string): File {
    return new FakeFile(this, id) as unknown as File;
  }

  info(node: DriveNode): DriveItemInfo {
    return {
      ...node,
      editors: [...node.editors],
      viewers: [...node.viewers],
      url: urlOf(node),
    };
  }

  controls(): DriveControls {
    const parentOrRoot = (parentId?: string) => this.get(parentId ?? this.rootId, 'folder').id;
    return {
      rootId: this.rootId,
      seedFolder: (name, parentId) =>
        this.add({ kind: 'folder', name, parentId: parentOrRoot(parentId) }).id,
      seedFile: (name, parentId, opts = {}) =>
        this.add({ kind: 'file', name, parentId: parentOrRoot(parentId), ...opts }).id,
      folders: (parentId) => this.list('folder', parentId),
      files: (parentId) => this.list('file', parentId),
      item: (id) => {
        const node = this.nodes.get(id);
        return node ? this.info(node) : undefined;
      },
      remove: (id) => this.remove(id),
      trash: (id) => {
        this.get(id).trashed = true;
      },
      setNotFoundMessage: (message) => {
        this.notFoundMessage = message;
      },
    };
  }

  private list(kind: 'folder' | 'file', parentId?: string): DriveItemInfo[] {
    return [...this.nodes.values()]
      .filter((n) => n.kind === kind && n.id !== this.rootId)
      .filter((n) => parentId === undefined || n.parentId === parentId)
      .map((n) => this.info(n));
  }
}

function urlOf(node: DriveNode): string {
  if (node.kind === 'folder') return `https://drive.google.com/drive/folders/${node.id}`;
  if (node.mimeType === DOCUMENT_MIME)
    return `https://docs.google.com/document/d/${node.id}/edit?usp=drivesdk`;
  if (node.mimeType === SPREADSHEET_MIME)
    return `https://docs.google.com/spreadsheets/d/${node.id}/edit?usp=drivesdk`;
  return `https://drive.google.com/file/d/${node.id}/view?usp=drivesdk`;
}

/** A Drive user: plain data that came with getEditors()/getOwner(), so its getters are uncounted. */
export class FakeDriveUser implements Pick<DriveUser, 'getEmail' | 'getName' | 'getDomain'> {
  constructor(private readonly email: string) {}

  getEmail(): string {
    return this.email;
  }

  getName(): string {
    return this.email.split('@')[0];
  }

  getDomain(): string {
    return this.email.split('@')[1] ?? '';
  }
}

function emailArg(rt: FakeRuntime, value: unknown): string {
  const email =
    typeof value === 'object' && value !== null && 'getEmail' in value
      ? (value as { getEmail(): string }).getEmail()
      : value;
  if (typeof email !== 'string' || !EMAIL.test(email.trim())) {
    throw rt.error('Invalid argument: email');
  }
  return email.trim().toLowerCase();
}

type SharingMethods =
  | 'getId'
  | 'getName'
  | 'setName'
  | 'getUrl'
  | 'getDescription'
  | 'setDescription'
  | 'getParents'
  | 'isTrashed'
  | 'setTrashed'
  | 'addEditor'
  | 'addEditors'
  | 'removeEditor'
  | 'addViewer'
  | 'addViewers'
  | 'removeViewer'
  | 'getEditors'
  | 'getViewers'
  | 'getOwner'
  | 'setSharing'
  | 'getSharingAccess'
  | 'getSharingPermission';

/** What files and folders share: names, descriptions, trash, and sharing. */
abstract class FakeDriveItem<Self> {
  protected abstract readonly className: 'Folder' | 'File';

  constructor(
    protected readonly store: DriveStore,
    /** The item's ID, readable without a counted call (the fake's own bookkeeping). */
    readonly fakeId: string,
  ) {}

  protected get rt(): FakeRuntime {
    return this.store.rt;
  }

  /** Counts the call and returns the live node (throws if it was deleted meanwhile). */
  protected call(method: string, cells = 0): DriveNode {
    this.store.hit(this.className, method, cells);
    return this.store.get(this.fakeId);
  }

  protected get self(): Self {
    return this as unknown as Self;
  }

  getId(): string {
    return this.call('getId').id;
  }

  getName(): string {
    return this.call('getName').name;
  }

  setName(name: string): Self {
    this.call('setName').name = String(name);
    return this.self;
  }

  getUrl(): string {
    return urlOf(this.call('getUrl'));
  }

  /** null until a description is set, as in Apps Script. */
  getDescription(): string | null {
    return this.call('getDescription').description;
  }

  setDescription(description: string): Self {
    this.call('setDescription').description = String(description);
    return this.self;
  }

  getParents(): FolderIterator {
    const node = this.call('getParents');
    const parents = node.parentId ? [node.parentId] : [];
    return new FakeFolderIterator(this.store, parents) as unknown as FolderIterator;
  }

  isTrashed(): boolean {
    return this.call('isTrashed').trashed;
  }

  setTrashed(trashed: boolean): Self {
    this.call('setTrashed').trashed = Boolean(trashed);
    return this.self;
  }

  addEditor(emailAddress: string | GoogleAppsScript.Base.User): Self {
    const node = this.call('addEditor');
    this.grant(node, [emailArg(this.rt, emailAddress)], 'editors');
    return this.self;
  }

  /** All addresses are checked before anyone is added. Cost is per address. */
  addEditors(emailAddresses: string[]): Self {
    if (!Array.isArray(emailAddresses)) {
      throw this.rt.signatureError([emailAddresses], `DriveApp.${this.className}.addEditors`);
    }
    const node = this.call('addEditors', emailAddresses.length);
    this.grant(
      node,
      emailAddresses.map((e) => emailArg(this.rt, e)),
      'editors',
    );
    return this.self;
  }

  removeEditor(emailAddress: string | GoogleAppsScript.Base.User): Self {
    const node = this.call('removeEditor');
    const email = emailArg(this.rt, emailAddress);
    if (email === node.owner) throw this.rt.error('Invalid argument: The owner cannot be removed.');
    node.editors = node.editors.filter((e) => e !== email);
    return this.self;
  }

  addViewer(emailAddress: string | GoogleAppsScript.Base.User): Self {
    const node = this.call('addViewer');
    this.grant(node, [emailArg(this.rt, emailAddress)], 'viewers');
    return this.self;
  }

  addViewers(emailAddresses: string[]): Self {
    if (!Array.isArray(emailAddresses)) {
      throw this.rt.signatureError([emailAddresses], `DriveApp.${this.className}.addViewers`);
    }
    const node = this.call('addViewers', emailAddresses.length);
    this.grant(
      node,
      emailAddresses.map((e) => emailArg(this.rt, e)),
      'viewers',
    );
    return this.self;
  }

  /** No effect on editors, as documented. */
  removeViewer(emailAddress: string | GoogleAppsScript.Base.User): Self {
    const node = this.call('removeViewer');
    const email = emailArg(this.rt, emailAddress);
    node.viewers = node.viewers.filter((e) => e !== email);
    return this.self;
  }

  /** The owner first, then the explicit editors (see README: assumed to include the owner). */
  getEditors(): DriveUser[] {
    const node = this.call('getEditors');
    return this.rt.array(
      [node.owner, ...node.editors].map((e) => new FakeDriveUser(e) as unknown as DriveUser),
    );
  }

  getViewers(): DriveUser[] {
    const node = this.call('getViewers');
    return this.rt.array(node.viewers.map((e) => new FakeDriveUser(e) as unknown as DriveUser));
  }

  getOwner(): DriveUser {
    return new FakeDriveUser(this.call('getOwner').owner) as unknown as DriveUser;
  }

  setSharing(accessType: Access, permissionType: Permission): Self {
    const node = this.call('setSharing');
    const access = String(accessType);
    const permission = String(permissionType);
    if (!(access in ACCESS)) throw this.rt.error('Invalid argument: accessType');
    if (!(permission in PERMISSION) || permission === 'OWNER' || permission === 'ORGANIZER') {
      throw this.rt.error('Invalid argument: permissionType');
    }
    node.access = access as AccessName;
    node.permission = permission as PermissionName;
    return this.self;
  }

  getSharingAccess(): Access {
    return this.call('getSharingAccess').access as unknown as Access;
  }

  /** NONE while access is PRIVATE (nobody beyond named people has access). */
  getSharingPermission(): Permission {
    const node = this.call('getSharingPermission');
    return (node.access === 'PRIVATE' ? 'NONE' : node.permission) as unknown as Permission;
  }

  private grant(node: DriveNode, emails: string[], role: 'editors' | 'viewers'): void {
    for (const email of emails) {
      if (email === node.owner) continue;
      if (role === 'editors') {
        node.viewers = node.viewers.filter((e) => e !== email);
        if (!node.editors.includes(email)) node.editors.push(email);
      } else if (!node.editors.includes(email) && !node.viewers.includes(email)) {
        node.viewers.push(email);
      }
    }
  }
}

type FolderMethods =
  | SharingMethods
  | 'createFolder'
  | 'createFile'
  | 'getFolders'
  | 'getFiles'
  | 'getFoldersByName'
  | 'getFilesByName';

/** A folder. Listing methods include trashed children (see README), in creation order. */
export class FakeFolder extends FakeDriveItem<Folder> implements Pick<Folder, FolderMethods> {
  protected readonly className = 'Folder';

  createFolder(name: string): Folder {
    const node = this.call('createFolder');
    if (typeof name !== 'string')
      throw this.rt.signatureError([name], 'DriveApp.Folder.createFolder');
    return this.store.folderView(this.store.add({ kind: 'folder', name, parentId: node.id }).id);
  }

  /** createFile(name, content[, mimeType]), or createFile(blob) (a FakeBlob: its name, type, data). */
  createFile(
    name: string | GoogleAppsScript.Base.BlobSource,
    content?: string,
    mimeType?: string,
  ): File {
    const node = this.call('createFile');
    if (isFakeBlob(name) && content === undefined) {
      const blobName = name.getName();
      if (!blobName) throw this.rt.error('Invalid argument: blob has no name');
      if (name.bytes.length > MAX_BLOB_BYTES) {
        throw this.rt.error(`File ${blobName} exceeds the maximum file size.`);
      }
      const file = this.store.add({
        kind: 'file',
        name: blobName,
        parentId: node.id,
        content: name.binary ? '' : name.data,
        bytes: name.binary ? name.bytes : null,
        mimeType: name.getContentType() ?? 'application/octet-stream',
      });
      return this.store.fileView(file.id);
    }
    if (typeof name !== 'string' || typeof content !== 'string') {
      throw this.rt.signatureError([name, content], 'DriveApp.Folder.createFile');
    }
    const mime = mimeType ?? 'text/plain';
    const file = this.store.add({ kind: 'file', name, parentId: node.id, content, mimeType: mime });
    return this.store.fileView(file.id);
  }

  getFolders(): FolderIterator {
    const node = this.call('getFolders');
    return this.folderIterator(this.store.children(node.id, 'folder'));
  }

  getFiles(): FileIterator {
    const node = this.call('getFiles');
    return this.fileIterator(this.store.children(node.id, 'file'));
  }

  getFoldersByName(name: string): FolderIterator {
    const node = this.call('getFoldersByName');
    return this.folderIterator(this.store.children(node.id, 'folder', String(name)));
  }

  getFilesByName(name: string): FileIterator {
    const node = this.call('getFilesByName');
    return this.fileIterator(this.store.children(node.id, 'file', String(name)));
  }

  private folderIterator(nodes: DriveNode[]): FolderIterator {
    const ids = nodes.map((n) => n.id);
    return new FakeFolderIterator(this.store, ids) as unknown as FolderIterator;
  }

  private fileIterator(nodes: DriveNode[]): FileIterator {
    const ids = nodes.map((n) => n.id);
    return new FakeFileIterator(this.store, ids) as unknown as FileIterator;
  }
}

type FileMethods =
  SharingMethods | 'getMimeType' | 'makeCopy' | 'getAs' | 'getBlob' | 'moveTo' | 'getDateCreated';

/** A file. getFileById also opens folders as files (Drive treats folders as files). */
export class FakeFile extends FakeDriveItem<File> implements Pick<File, FileMethods> {
  protected readonly className = 'File';

  /** Moves the file into `destination` (its only parent from then on), as Drive does. */
  moveTo(destination: Folder): File {
    const node = this.call('moveTo');
    if (!(destination instanceof FakeFolder))
      throw this.rt.signatureError([destination], 'DriveApp.File.moveTo');
    node.parentId = this.store.get(destination.fakeId, 'folder').id;
    return this.self;
  }

  getDateCreated(): GoogleAppsScript.Base.Date {
    const node = this.call('getDateCreated');
    return this.rt.date(node.created) as unknown as GoogleAppsScript.Base.Date;
  }

  getMimeType(): string {
    return this.call('getMimeType').mimeType;
  }

  /**
   * The file converted (a Slides presentation to PDF; a file to its own type), named like the
   * file plus the new extension, as Apps Script does. Other conversions throw.
   */
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    const node = this.call('getAs');
    if (node.kind === 'folder') throw this.rt.error('Invalid argument: file');
    const to = String(contentType);
    const converted =
      to === node.mimeType
        ? (node.bytes ?? node.content)
        : (this.store.converters.get(node.mimeType)?.(node.content, to, node.name) ?? null);
    if (converted === null) {
      throw this.rt.error(`Converting from ${node.mimeType} to ${to} is not supported.`);
    }
    const ext = to === 'application/pdf' ? '.pdf' : '';
    return new FakeBlob(
      converted,
      to,
      `${node.name}${ext}`,
    ) as unknown as GoogleAppsScript.Base.Blob;
  }

  /** The file's own content (Google types are exported as PDF, as Apps Script does). */
  getBlob(): GoogleAppsScript.Base.Blob {
    const node = this.call('getBlob');
    if (/^application\/vnd\.google-apps\./.test(node.mimeType)) {
      const pdf = this.store.converters.get(node.mimeType)?.(
        node.content,
        'application/pdf',
        node.name,
      );
      if (pdf == null)
        throw this.rt.error(
          `Converting from ${node.mimeType} to application/pdf is not supported.`,
        );
      return new FakeBlob(
        pdf,
        'application/pdf',
        `${node.name}.pdf`,
      ) as unknown as GoogleAppsScript.Base.Blob;
    }
    return new FakeBlob(
      node.bytes ?? node.content,
      node.mimeType,
      node.name,
    ) as unknown as GoogleAppsScript.Base.Blob;
  }

  /**
   * makeCopy(), makeCopy(name), makeCopy(destination), makeCopy(name, destination). The copy has
   * the same content, MIME type and description; it is private and shared with nobody.
   * Default name 'Copy of <name>', default destination the original's folder.
   */
  makeCopy(first?: string | Folder, second?: Folder): File {
    const node = this.call('makeCopy');
    if (node.kind === 'folder') throw this.rt.error('Invalid argument: file');
    const args = [first, second].filter((a) => a !== undefined);
    let name = `Copy of ${node.name}`;
    let destination: unknown = undefined;
    if (typeof first === 'string') {
      name = first;
      destination = second;
    } else if (first !== undefined) {
      if (second !== undefined) throw this.rt.signatureError(args, 'DriveApp.File.makeCopy');
      destination = first;
    }
    let parentId = node.parentId;
    if (destination !== undefined) {
      if (!(destination instanceof FakeFolder)) {
        throw this.rt.signatureError(args, 'DriveApp.File.makeCopy');
      }
      parentId = this.store.get(destination.fakeId, 'folder').id;
    }
    for (const hook of this.store.beforeCreate) hook(node.mimeType);
    const copy = this.store.add({
      kind: 'file',
      name,
      parentId,
      mimeType: node.mimeType,
      content: node.content,
      bytes: node.bytes,
      description: node.description,
    });
    return this.store.fileView(copy.id);
  }
}

abstract class FakeIterator<T> {
  private index = 0;
  protected abstract readonly className: 'FolderIterator' | 'FileIterator';

  constructor(
    protected readonly store: DriveStore,
    private readonly ids: readonly string[],
  ) {}

  protected abstract view(id: string): T;

  hasNext(): boolean {
    this.store.hit(this.className, 'hasNext');
    return this.index < this.ids.length;
  }

  next(): T {
    this.store.hit(this.className, 'next');
    if (this.index >= this.ids.length) {
      throw this.store.rt.error('Cannot retrieve the next object: iterator has reached the end.');
    }
    return this.view(this.ids[this.index++]);
  }
}

export class FakeFolderIterator
  extends FakeIterator<Folder>
  implements Pick<FolderIterator, 'hasNext' | 'next'>
{
  protected readonly className = 'FolderIterator';
  protected view(id: string): Folder {
    return this.store.folderView(id);
  }
}

export class FakeFileIterator
  extends FakeIterator<File>
  implements Pick<FileIterator, 'hasNext' | 'next'>
{
  protected readonly className = 'FileIterator';
  protected view(id: string): File {
    return this.store.fileView(id);
  }
}

type DriveAppMethods =
  | 'Access'
  | 'Permission'
  | 'getFolderById'
  | 'getFileById'
  | 'getRootFolder'
  | 'createFolder'
  | 'createFile'
  | 'getFoldersByName'
  | 'getFilesByName';

/** DriveApp over one user's My Drive (the script's user owns everything it makes). */
export class FakeDriveApp implements Pick<GoogleAppsScript.Drive.DriveApp, DriveAppMethods> {
  readonly Access = ACCESS as unknown as typeof GoogleAppsScript.Drive.Access;
  readonly Permission = PERMISSION as unknown as typeof GoogleAppsScript.Drive.Permission;

  constructor(private readonly store: DriveStore) {}

  getFolderById(id: string): Folder {
    this.store.hit('DriveApp', 'getFolderById');
    return this.store.folderView(this.store.get(id, 'folder').id);
  }

  getFileById(id: string): File {
    this.store.hit('DriveApp', 'getFileById');
    return this.store.fileView(this.store.get(id).id);
  }

  getRootFolder(): Folder {
    this.store.hit('DriveApp', 'getRootFolder');
    return this.store.folderView(this.store.rootId);
  }

  createFolder(name: string): Folder {
    this.store.hit('DriveApp', 'createFolder');
    if (typeof name !== 'string')
      throw this.store.rt.signatureError([name], 'DriveApp.createFolder');
    return this.store.folderView(
      this.store.add({ kind: 'folder', name, parentId: this.store.rootId }).id,
    );
  }

  createFile(
    name: string | GoogleAppsScript.Base.BlobSource,
    content?: string,
    mimeType?: string,
  ): File {
    this.store.hit('DriveApp', 'createFile');
    if (typeof name !== 'string' || typeof content !== 'string') {
      throw this.store.rt.signatureError([name, content], 'DriveApp.createFile');
    }
    const file = this.store.add({
      kind: 'file',
      name,
      parentId: this.store.rootId,
      content,
      mimeType: mimeType ?? 'text/plain',
    });
    return this.store.fileView(file.id);
  }

  /** Anywhere in the drive (trashed included). */
  getFoldersByName(name: string): FolderIterator {
    this.store.hit('DriveApp', 'getFoldersByName');
    const ids = this.byName('folder', String(name));
    return new FakeFolderIterator(this.store, ids) as unknown as FolderIterator;
  }

  getFilesByName(name: string): FileIterator {
    this.store.hit('DriveApp', 'getFilesByName');
    const ids = this.byName('file', String(name));
    return new FakeFileIterator(this.store, ids) as unknown as FileIterator;
  }

  private byName(kind: 'folder' | 'file', name: string): string[] {
    return [...this.store.nodes.values()]
      .filter((n) => n.kind === kind && n.name === name && n.id !== this.store.rootId)
      .map((n) => n.id);
  }
}
